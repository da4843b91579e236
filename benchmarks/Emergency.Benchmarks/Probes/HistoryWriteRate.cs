using System.Diagnostics;
using System.Globalization;
using System.Net;
using Emergency.Domain.Devices;
using Emergency.Domain.Vitals;
using Emergency.History;

namespace Emergency.Benchmarks.Probes;

/// <summary>
/// Write rate of the history writer (<see cref="InfluxHistoryStore"/>, batches of 5,000 as the history consumer sends
/// them) into a local InfluxDB 1.x, next to a minimal client that POSTs the same points as pre-built line protocol in
/// batches of the same size, in the same run and against the same server. Each round writes into two fresh databases,
/// the two clients taking turns batch by batch; each client's rate counts only its own requests. The medians and the
/// median of the per-round ratios are printed.
/// </summary>
public static class HistoryWriteRate
{
    public static async Task<int> RunAsync(string[] args)
    {
        var influxArg = Arg(args, "--influx", null);
        var pointCount = int.Parse(Arg(args, "--points", "200000")!, CultureInfo.InvariantCulture);
        var batch = int.Parse(Arg(args, "--batch", "5000")!, CultureInfo.InvariantCulture);
        var rounds = int.Parse(Arg(args, "--rounds", "3")!, CultureInfo.InvariantCulture);

        await using var local = influxArg is null ? await LocalInfluxd.StartAsync() : null;
        var url = local?.Url ?? new Uri(influxArg!.TrimEnd('/') + "/");
        var run = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
        Console.WriteLine($"history: {pointCount:N0} points, batches of {batch:N0}, {rounds} rounds, InfluxDB at {url} " +
            $"({(local is null ? "given" : "started for this run")}), {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");

        var points = Points(pointCount);
        var chunks = points.Chunk(batch).Select(c => (IReadOnlyList<VitalsPoint>)c).ToList();
        // The minimal client's bodies are built before the clock starts: it measures InfluxDB and HTTP alone.
        var bodies = chunks.Select(c => System.Text.Encoding.UTF8.GetBytes(LineProtocol.ToText(c))).ToList();
        Console.WriteLine($"line protocol: {bodies.Sum(b => (long)b.Length) / (double)pointCount:F0} bytes per point");

        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromMinutes(2) };
        var ratios = new List<double>();
        var storeRates = new List<double>();
        var rawRates = new List<double>();
        for (var round = 1; round <= rounds; round++)
        {
            var storeDb = $"bench_store_{run}_{round}";
            var rawDb = $"bench_raw_{run}_{round}";
            await CreateDatabase(http, storeDb);
            await CreateDatabase(http, rawDb);
            using var store = new InfluxHistoryStore(new InfluxOptions { Url = url, Database = storeDb, BatchSize = batch });
            var rawPath = $"write?db={Uri.EscapeDataString(rawDb)}&precision=ms";
            // Warm-up outside the clock: the store's database check, both connections.
            await store.WriteAsync([Warmup()]);
            await Post(http, rawPath, System.Text.Encoding.UTF8.GetBytes(LineProtocol.ToText([Warmup()])));

            // Interleaved batch by batch, alternating which client goes first, so both meet the same server state
            // (InfluxDB compacts in the background; whoever wrote second in a phase-by-phase run met a busier server).
            var storeTime = TimeSpan.Zero;
            var rawTime = TimeSpan.Zero;
            for (var i = 0; i < chunks.Count; i++)
            {
                for (var turn = 0; turn < 2; turn++)
                {
                    var started = Stopwatch.GetTimestamp();
                    if ((i + turn) % 2 == 0)
                    {
                        await store.WriteAsync(chunks[i]);
                        storeTime += Stopwatch.GetElapsedTime(started);
                    }
                    else
                    {
                        await Post(http, rawPath, bodies[i]);
                        rawTime += Stopwatch.GetElapsedTime(started);
                    }
                }
            }
            await Verify(http, storeDb, pointCount);
            await Verify(http, rawDb, pointCount);
            var storeRate = pointCount / storeTime.TotalSeconds;
            var rawRate = pointCount / rawTime.TotalSeconds;
            storeRates.Add(storeRate);
            rawRates.Add(rawRate);
            ratios.Add(storeRate / rawRate);
            Console.WriteLine($"round {round}: InfluxHistoryStore {storeRate,10:N0} points/s, plain line-protocol POSTs {rawRate,10:N0} points/s, ratio {storeRate / rawRate:F2}");
        }
        var encoding = EncodingRate(chunks, pointCount);
        Console.WriteLine();
        Console.WriteLine($"median of {rounds} rounds: InfluxHistoryStore {Median(storeRates):N0} points/s, plain POSTs {Median(rawRates):N0} points/s, " +
            $"ratio store/plain {Median(ratios):F2} (rounds {string.Join(", ", ratios.Select(r => r.ToString("F2", CultureInfo.InvariantCulture)))})");
        Console.WriteLine($"line-protocol encoding alone (no server, median of 3): {encoding:N0} points/s " +
            $"= {1e6 / encoding:F2} µs per point, which the store spends inside its clock and the plain client before it");
        return 0;
    }

    private static double EncodingRate(List<IReadOnlyList<VitalsPoint>> chunks, int pointCount)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(chunks[0].Count * 256);
        var rates = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            var watch = Stopwatch.StartNew();
            foreach (var chunk in chunks)
            {
                buffer.ResetWrittenCount();
                foreach (var point in chunk) LineProtocol.Write(buffer, point);
            }
            rates.Add(pointCount / watch.Elapsed.TotalSeconds);
        }
        return Median(rates);
    }

    private static async Task Post(HttpClient http, string path, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        using var response = await http.PostAsync(path, content);
        if (response.StatusCode != HttpStatusCode.NoContent)
        {
            throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static async Task CreateDatabase(HttpClient http, string database)
    {
        using var content = new FormUrlEncodedContent([new("q", $"CREATE DATABASE \"{database}\"")]);
        using var response = await http.PostAsync("query", content);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Both databases must hold every point (plus the warm-up point): a fast write that lost points is no figure.</summary>
    private static async Task Verify(HttpClient http, string database, int pointCount)
    {
        using var content = new FormUrlEncodedContent([new("q", "SELECT count(\"seq\") FROM \"vitals\""), new("db", database)]);
        using var response = await http.PostAsync("query", content);
        var text = await response.Content.ReadAsStringAsync();
        if (!text.Contains($",{pointCount + 1}]", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{database} does not hold {pointCount + 1} points: {text}");
        }
    }

    /// <summary>100 ambulance patients, one complete frame per second each (values vary, so fields compress as real ones).</summary>
    private static List<VitalsPoint> Points(int count)
    {
        var random = new Random(42);
        var t0 = new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
        const int patients = 100;
        return Enumerable.Range(0, count).Select(i =>
        {
            var p = i % patients;
            var vitals = new VitalSigns(
                Hr: Math.Round(60 + random.NextDouble() * 80, 1), Rr: Math.Round(10 + random.NextDouble() * 16, 1),
                Spo2: Math.Round(88 + random.NextDouble() * 12, 1), Sbp: Math.Round(85 + random.NextDouble() * 70),
                Dbp: Math.Round(50 + random.NextDouble() * 30), Temp: Math.Round(35.5 + random.NextDouble() * 4, 2),
                Acvpu: Acvpu.Alert, O2: random.Next(4) == 0, Spo2Scale: Spo2Scale.Scale1);
            return new VitalsPoint("sh", $"P-BENCH-{p}", DeviceKind.Ambulance, $"AMB-BENCH-{p}", i / patients + 1,
                t0.AddSeconds(i / patients).AddMilliseconds(random.Next(1000)), vitals);
        }).ToList();
    }

    private static VitalsPoint Warmup() => new("sh", "P-WARMUP", DeviceKind.Ambulance, "AMB-WARMUP", 1,
        new DateTimeOffset(2026, 3, 1, 7, 0, 0, TimeSpan.Zero), VitalSigns.Empty with { Hr = 80 });

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string? Arg(string[] args, string name, string? fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
