using System.Globalization;

namespace Emergency.Dashboard.Security;

/// <summary><c>GET /api/audit?patientId=&amp;user=&amp;from=&amp;to=&amp;limit=</c>: the audit log, newest first, for administrators.</summary>
public static class AuditApi
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 10_000;

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", async (string? patientId, string? user, string? from, string? to, string? limit, AuditLog audit, CancellationToken ct) =>
        {
            var errors = new List<string>();
            var fromValue = ParseTime(from, "from", errors);
            var toValue = ParseTime(to, "to", errors);
            var limitValue = DefaultLimit;
            if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out limitValue) || limitValue is < 1 or > MaxLimit))
            {
                errors.Add($"limit: a whole number 1–{MaxLimit}");
            }
            if (errors.Count > 0)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["errors"] = [.. errors] }, detail: string.Join("; ", errors), title: "invalid audit query");
            }
            var entries = await audit.QueryAsync(new AuditQuery(Blank(patientId), Blank(user), fromValue, toValue, limitValue), ct);
            return Results.Ok(entries);
        });
        return app;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    private static DateTimeOffset? ParseTime(string? value, string name, List<string> errors)
    {
        if (value is null) return null;
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms <= 253_402_300_799_999)
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(ms);
        }
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)) return t;
        errors.Add($"{name}: ISO 8601 time or Unix milliseconds");
        return null;
    }
}
