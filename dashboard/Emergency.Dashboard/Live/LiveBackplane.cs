using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;

namespace Emergency.Dashboard.Live;

public static class LiveBackplane
{
    /// <summary>
    /// <c>LivePush:Redis</c> (a StackExchange.Redis connection string): every node publishes its hub sends through Redis,
    /// so a board connected to node B gets the pushes of patients whose grains run on node A. Unset (one node), sends
    /// go straight to the local connections as before.
    /// </summary>
    public static ISignalRServerBuilder AddLiveBackplane(this ISignalRServerBuilder signalR, IConfiguration configuration)
    {
        if (configuration["LivePush:Redis"] is { Length: > 0 } redis)
        {
            signalR.AddStackExchangeRedis(redis, o => o.Configuration.ChannelPrefix = RedisChannel.Literal("emergency-live"));
        }
        return signalR;
    }
}
