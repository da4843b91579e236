using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Emergency.Benchmarks.Load;

/// <summary>The harness's results as a Markdown table (stdout and a .md file) and as JSON, with the machine and the command.</summary>
public static class LoadReport
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static string OneLine(LoadResult r) => FormattableString.Invariant(
        $"[{r.Target} {r.OfferedRate:0}/s] acked {r.AckedPerSecond:N0}/s, ack p50/p99 {Ms(r.Ack.P50)}/{Ms(r.Ack.P99)} ms, ")
        + FormattableString.Invariant($"delivery p99 {Ms(r.Delivery.P99)} ms, lost {r.Lost}, target CPU {Pct(r.TargetCpuPercent)}, holds: {(r.Lost == 0 ? "no loss" : "LOSS")}");

    public static string Markdown(IReadOnlyList<LoadResult> results, LoadOptions options, string machine, string command)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"{machine}  ");
        md.AppendLine(CultureInfo.InvariantCulture, $"`{command}`");
        md.AppendLine();
        md.AppendLine("| target | devices / conns | offered /s | acked /s | publish → ack p50 / p95 / p99 / max ms | delivery | p50 / p95 / p99 / max ms | lost | target CPU | RSS (peak) MB | GC pauses, max ms | harness CPU |");
        md.AppendLine("| --- | --- | ---: | ---: | --- | --- | --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in results)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Target} | {r.Devices:N0} / {r.Connections:N0} | {r.OfferedRate:N0} | {r.AckedPerSecond:N0} | {Quad(r.Ack)} | {r.DeliveryWhat} | {Quad(r.Delivery)} | {r.Lost} | {Pct(r.TargetCpuPercent)} | {Mb(r.TargetRssBytes)} ({Mb(r.TargetPeakRssBytes)}) | {(r.GcPauses is null ? "–" : $"{r.GcPauses}, {r.GcPauseMaxMs:0.0}")} | {r.HarnessCpuPercent:0}% |");
        }
        md.Append(Ratios(results, options));
        return md.ToString();
    }

    /// <summary>The service against each baseline of the same run: throughput at the same offered rate, p99, and maxima.</summary>
    public static string Ratios(IReadOnlyList<LoadResult> results, LoadOptions options)
    {
        var md = new StringBuilder();
        var service = results.Where(r => r.Target == "service").ToList();
        foreach (var baseline in results.Select(r => r.Target).Distinct().Where(t => t != "service"))
        {
            var base_ = results.Where(r => r.Target == baseline).ToList();
            if (options.FindMax)
            {
                var s = service.LastOrDefault(r => r.Holds(options.MaxP99Ms));
                var b = base_.LastOrDefault(r => r.Holds(options.MaxP99Ms));
                md.AppendLine(FormattableString.Invariant(
                    $"\nsustainable maximum (0 loss, ack p99 ≤ {options.MaxP99Ms} ms, ≥ 95 % of offered): service {Rate(s)}, {baseline} {Rate(b)}")
                    + (s is not null && b is not null ? FormattableString.Invariant($" → service / {baseline} = **{s.AckedPerSecond / b.AckedPerSecond:0.00}**") : ""));
            }
            foreach (var s in service)
            {
                if (base_.FirstOrDefault(r => Math.Abs(r.OfferedRate - s.OfferedRate) < 0.5) is not { } b) continue;
                md.AppendLine(
                    FormattableString.Invariant($"\nat {s.OfferedRate:N0}/s: service / {baseline} throughput **{s.AckedPerSecond / b.AckedPerSecond:0.00}**, ")
                    + FormattableString.Invariant($"ack p99 {Ms(s.Ack.P99)} vs {Ms(b.Ack.P99)} ms (**{Ratio(s.Ack.P99, b.Ack.P99)}×**), ")
                    + FormattableString.Invariant($"delivery p99 {Ms(s.Delivery.P99)} vs {Ms(b.Delivery.P99)} ms (**{Ratio(s.Delivery.P99, b.Delivery.P99)}×**)"));
            }
        }
        return md.ToString();
    }

    public static async Task<(string Json, string Markdown)> WriteAsync(IReadOnlyList<LoadResult> results, LoadOptions options,
        string machine, string command)
    {
        Directory.CreateDirectory(options.Out);
        var stem = Path.Combine(options.Out, $"load-{DateTime.UtcNow:yyyyMMdd-HHmmss}");
        var markdown = Markdown(results, options, machine, command);
        await File.WriteAllTextAsync(stem + ".md", markdown);
        await File.WriteAllTextAsync(stem + ".json", JsonSerializer.Serialize(new { machine, command, options = Describe(options), results }, Json));
        return (stem + ".json", stem + ".md");
    }

    public static string Machine()
    {
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[..3] : ["?"];
        return FormattableString.Invariant(
            $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, ")
            + FormattableString.Invariant($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average {string.Join(' ', load)} at the end");
    }

    private static object Describe(LoadOptions o) => new
    {
        o.Devices, o.Connections, o.Rate, DurationSeconds = o.Duration.TotalSeconds, WarmupSeconds = o.Warmup.TotalSeconds,
        o.InFlight, o.Targets, o.FindMax, o.Step, o.MaxP99Ms, o.HostEnv,
    };

    private static string Rate(LoadResult? r) => r is null ? "none held" : string.Create(CultureInfo.InvariantCulture, $"{r.AckedPerSecond:N0}/s");

    private static string Ratio(double? a, double? b) => a is { } x && b is { } y && y > 0 ? (x / y).ToString("0.0", CultureInfo.InvariantCulture) : "–";

    private static string Quad(LatencySummary s) => s.Count == 0 ? "–" : $"{Ms(s.P50)} / {Ms(s.P95)} / {Ms(s.P99)} / {Ms(s.Max)}";

    private static string Ms(double? v) => v is { } x ? x.ToString(x < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) : "–";

    private static string Pct(double? v) => v is { } x ? x.ToString("0", CultureInfo.InvariantCulture) + "%" : "–";

    private static string Mb(long? v) => v is { } x and > 0 ? (x / 1048576.0).ToString("N0", CultureInfo.InvariantCulture) : "–";
}
