using System.Net.Http.Json;
using System.Text.Json;

namespace Emergency.Benchmarks.Hosting;

/// <summary>
/// Bearer tokens from the host's <c>POST /api/auth/token</c>. By default the development mode's demo admin
/// (<c>admin</c> / <c>demo</c>), which a <c>--demo</c> host and the harness's own host have; <c>--user</c> and
/// <c>--password</c> (or <c>EMERGENCY_USER</c>, <c>EMERGENCY_PASSWORD</c>) for another account.
/// </summary>
public static class HostSignIn
{
    public static string User(string[] args) => Arg(args, "--user") ?? Environment.GetEnvironmentVariable("EMERGENCY_USER") ?? "admin";

    public static string Password(string[] args) => Arg(args, "--password") ?? Environment.GetEnvironmentVariable("EMERGENCY_PASSWORD") ?? "demo";

    public static async Task<string> TokenAsync(Uri baseAddress, string user, string password, CancellationToken ct = default)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using var response = await http.PostAsJsonAsync("/api/auth/token", new { userName = user, password }, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"sign-in as {user} at {baseAddress} refused ({(int)response.StatusCode}): {body}; pass --user and --password");
        }
        return JsonDocument.Parse(body).RootElement.GetProperty("accessToken").GetString()!;
    }

    private static string? Arg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
