using System.Globalization;
using Emergency.History;
using Emergency.Ingest.Decoding;

namespace Emergency.Dashboard.Api;

public static class HistoryApi
{
    private static readonly TimeSpan DefaultRange = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan DefaultStep = TimeSpan.FromMinutes(1);

    /// <summary>
    /// <c>GET /api/patients/{id}/history?from=&amp;to=&amp;step=</c>: vitals and NEWS2 downsampled by the history store
    /// (mean, min, max, count per bucket). <c>from</c>/<c>to</c>: ISO 8601 or Unix milliseconds (default: the last
    /// 15 minutes); <c>step</c>: e.g. <c>30s</c>, <c>1m</c>, <c>1h</c>, <c>500ms</c> or plain seconds (default 1m).
    /// </summary>
    public static IEndpointRouteBuilder MapHistoryApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/patients/{patientId}/history", async (string patientId, string? from, string? to, string? step,
            IVitalsHistory history, TimeProvider time, CancellationToken ct) =>
        {
            if (!DeviceIds.IsValid(patientId))
            {
                return Problem("patientId: 1–64 characters of A-Z a-z 0-9 - _ .");
            }
            var toValue = to is null ? time.GetUtcNow() : ParseTime(to);
            var stepValue = step is null ? DefaultStep : ParseStep(step);
            if (toValue is null) return Problem("to: ISO 8601 time or Unix milliseconds");
            if (stepValue is null) return Problem("step: a duration such as 30s, 1m, 1h, 500ms, or whole seconds");
            var fromValue = from is null ? toValue - DefaultRange : ParseTime(from);
            if (fromValue is null) return Problem("from: ISO 8601 time or Unix milliseconds");
            try
            {
                var series = await history.QueryAsync(patientId, fromValue.Value, toValue.Value, stepValue.Value, ct);
                return Results.Ok(new
                {
                    series.PatientId,
                    series.From,
                    series.To,
                    stepSeconds = series.Step.TotalSeconds,
                    buckets = series.Buckets,
                });
            }
            catch (ArgumentException ex)
            {
                return Problem(ex.Message);
            }
            catch (HistoryStoreException ex)
            {
                return Results.Problem(statusCode: 503, title: "history store unavailable", detail: ex.Message);
            }
        });
        return app;
    }

    private static IResult Problem(string detail) => Results.Problem(statusCode: 400, title: "invalid history query", detail: detail);

    private static DateTimeOffset? ParseTime(string value)
    {
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
        {
            return ms <= 253_402_300_799_999 ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
        }
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t : null;
    }

    private static TimeSpan? ParseStep(string value)
    {
        (string digits, double unitMs) = value switch
        {
            _ when value.EndsWith("ms", StringComparison.Ordinal) => (value[..^2], 1d),
            _ when value.EndsWith('s') => (value[..^1], 1000d),
            _ when value.EndsWith('m') => (value[..^1], 60_000d),
            _ when value.EndsWith('h') => (value[..^1], 3_600_000d),
            _ => (value, 1000d),
        };
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 && n < 1_000_000_000
            ? TimeSpan.FromMilliseconds(n * unitMs)
            : null;
    }
}
