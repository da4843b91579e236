using System.Globalization;
using Emergency.Domain.Ecg;
using Emergency.Domain.Ecg.Wire;
using Emergency.Ingest.Decoding;
using Emergency.Ingest.Ecg;
using Microsoft.Extensions.Options;

namespace Emergency.Dashboard.Api;

public static class EcgApi
{
    private static readonly TimeSpan DefaultRange = TimeSpan.FromSeconds(10);

    /// <summary>
    /// <c>GET /api/patients/{id}/ecg?from=&amp;to=&amp;leads=</c>: the stored ECG blocks overlapping [from, to) with
    /// their samples in µV, and the gaps where frames the device numbered never arrived (never interpolated).
    /// <c>from</c>/<c>to</c>: ISO 8601 or Unix ms (default: the last 10 s); <c>leads</c>: e.g. <c>II,V2</c> (default all).
    /// </summary>
    public static IEndpointRouteBuilder MapEcgApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/patients/{patientId}/ecg", (string patientId, string? from, string? to, string? leads,
            EcgStore store, EcgRings rings, EcgLatestFindings findings, IOptions<EcgOptions> options, TimeProvider time) =>
        {
            if (!DeviceIds.IsValid(patientId))
            {
                return Problem("patientId: 1–64 characters of A-Z a-z 0-9 - _ .");
            }
            var toValue = to is null ? time.GetUtcNow().ToUnixTimeMilliseconds() : ParseTime(to);
            if (toValue is null) return Problem("to: ISO 8601 time or Unix milliseconds");
            var fromValue = from is null ? toValue - (long)DefaultRange.TotalMilliseconds : ParseTime(from);
            if (fromValue is null) return Problem("from: ISO 8601 time or Unix milliseconds");
            if (fromValue >= toValue) return Problem("from must be before to");
            if (toValue - fromValue > (long)options.Value.MaxQuerySpan.TotalMilliseconds)
            {
                return Problem($"at most {options.Value.MaxQuerySpan.TotalSeconds:0} s per request (Ecg:MaxQuerySpan)");
            }
            var wanted = new List<EcgLead>();
            foreach (var name in (leads ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!EcgLeads.TryParse(name, out var lead)) return Problem($"leads: '{name}' is not one of I, II, III, aVR, aVL, aVF, V1–V6");
                wanted.Add(lead);
            }
            if (wanted.Count == 0) wanted.AddRange(EcgLeads.Standard12);

            // The store has every acknowledged block; the ring adds nothing new but is read too so the answer
            // never misses a block while its row is being committed.
            var blocks = store.Read(patientId, fromValue.Value, toValue.Value)
                .Concat(rings.Between(patientId, fromValue.Value, toValue.Value))
                .DistinctBy(b => (b.DeviceId, b.Block.Seq))
                .OrderBy(b => b.Block.StartUnixMs)
                .ToList();
            return Results.Ok(new
            {
                patientId,
                from = fromValue.Value,
                to = toValue.Value,
                leads = wanted.Select(EcgLeads.Name),
                blocks = blocks.Select(b => new
                {
                    deviceId = b.DeviceId,
                    seq = b.Block.Seq,
                    start = b.Block.StartUnixMs,
                    end = b.Block.EndUnixMs,
                    sampleRateHz = b.Block.SampleRateHz,
                    samplesMicrovolts = wanted.Where(l => b.Block.IndexOf(l) >= 0).ToDictionary(EcgLeads.Name,
                        l => b.Block.Samples[b.Block.IndexOf(l)].Select(s => (int)Math.Round(s * b.Block.MicrovoltsPerLsb))),
                }),
                findings = findings.Get(patientId) is { } latest ? EcgFindingsDto.From(latest) : null,
                gaps = EcgGaps.Find(blocks).Select(g => new
                {
                    deviceId = g.DeviceId, afterSeq = g.AfterSeq, beforeSeq = g.BeforeSeq, from = g.FromUnixMs, to = g.ToUnixMs, missingFrames = g.MissingFrames,
                }),
            });
        });
        return app;
    }

    private static IResult Problem(string detail) => Results.Problem(statusCode: 400, title: "invalid ECG query", detail: detail);

    private static long? ParseTime(string value)
    {
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
        {
            return ms <= 253_402_300_799_999 ? ms : null;
        }
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t.ToUnixTimeMilliseconds() : null;
    }
}
