using Microsoft.AspNetCore.SignalR.Client;

namespace Emergency.EndToEnd.Tests.Infrastructure;

/// <summary>Hub connections to a host, signed in with a bearer token (the hub's WebSocket carries it as <c>access_token</c>).</summary>
public static class HostHub
{
    /// <summary>A connection to <c>/hubs/live</c> as the host's signed-in client (the demo admin), or with <paramref name="token"/>.</summary>
    public static HubConnection LiveHub(this HostProcess host, string? token = null) =>
        host.LiveHubBuilder(token).Build();

    public static IHubConnectionBuilder LiveHubBuilder(this HostProcess host, string? token = null)
    {
        var bearer = token ?? host.AccessToken;
        return new HubConnectionBuilder().WithUrl(new Uri(host.BaseAddress, "/hubs/live"), options =>
        {
            if (bearer is not null) options.AccessTokenProvider = () => Task.FromResult<string?>(bearer);
        });
    }
}
