namespace Emergency.Dashboard.Api;

/// <summary>
/// <c>GET /api/boards/settings</c>: display settings the boards read at start-up. <c>Boards:StaleAfter</c> (default
/// 30 s) is how long a card may go without a reading before it turns grey with "no data for N s".
/// </summary>
public static class BoardSettingsApi
{
    private static readonly TimeSpan DefaultStaleAfter = TimeSpan.FromSeconds(30);

    public static IEndpointRouteBuilder MapBoardSettingsApi(this IEndpointRouteBuilder app)
    {
        var configured = app.ServiceProvider.GetRequiredService<IConfiguration>().GetValue("Boards:StaleAfter", DefaultStaleAfter);
        // A zero or negative value would grey every card at once: refuse it at start-up instead.
        if (configured <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"Boards:StaleAfter must be positive (was {configured})");
        }
        var staleAfterSeconds = configured.TotalSeconds;
        app.MapGet("/api/boards/settings", () => Results.Ok(new { staleAfterSeconds }));
        return app;
    }
}
