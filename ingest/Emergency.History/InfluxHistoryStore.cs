using System.Buffers;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Emergency.History;

/// <summary>
/// Vitals history in InfluxDB 1.x, written as line protocol over HTTP (schema in SCHEMA.md).
/// </summary>
/// <remarks>
/// <para>
/// Writes. The points are sent in requests of at most <see cref="InfluxOptions.BatchSize"/> lines. A timeout, a
/// connection error or any answer other than 2xx, 400 and 413 is retried with exponential backoff and jitter, at most
/// <see cref="InfluxOptions.MaxRetries"/> times per request; then <see cref="WriteAsync"/> throws
/// <see cref="HistoryStoreException"/> and the caller writes the batch again later. Writing again is harmless: InfluxDB
/// keeps one point per series and timestamp, the last one written.
/// </para>
/// <para>
/// A 400 (a line InfluxDB cannot parse, a field type conflict, a point outside the retention policy) or a 413 is
/// bisected: the request's lines are split in halves and each half is sent again, down to single lines. Good lines
/// get stored; each line rejected on its own is appended to the dead-letter file
/// (<see cref="InfluxOptions.DeadLetterPath"/>) with the server's error, counted in <see cref="DeadLetters"/> and
/// never sent again, and the write then succeeds. Without a dead-letter file such a line makes the write throw.
/// </para>
/// <para>Safe for concurrent use.</para>
/// </remarks>
public sealed class InfluxHistoryStore : IVitalsHistory, IDisposable
{
    private static readonly string[] Parameters = ["hr", "rr", "spo2", "sbp", "dbp", "temp", "news2"];
    private static readonly MediaTypeHeaderValue TextPlain = MediaTypeHeaderValue.Parse("text/plain; charset=utf-8");

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly InfluxOptions _options;
    private readonly ILogger _logger;
    private readonly HistoryMetrics _metrics;
    private readonly DeadLetterFile? _deadLetters;
    private readonly string _baseUrl;
    private readonly Uri _writeUri;
    private readonly string _measurement;
    private readonly AuthenticationHeaderValue? _auth;
    private readonly SemaphoreSlim _databaseLock = new(1, 1);
    private volatile bool _databaseReady;
    private long _pointsWritten;
    private long _deadLetterCount;
    private long _failedAttempts;
    private long _retries;

    /// <summary>For dependency injection as a typed HTTP client.</summary>
    [ActivatorUtilitiesConstructor]
    public InfluxHistoryStore(
        HttpClient httpClient,
        IOptions<InfluxOptions> options,
        ILogger<InfluxHistoryStore>? logger = null,
        IMeterFactory? meterFactory = null)
        : this(httpClient, ownsHttp: false, options?.Value!, logger, meterFactory)
    {
    }

    /// <summary>A store with its own HTTP client.</summary>
    public InfluxHistoryStore(InfluxOptions options, ILogger<InfluxHistoryStore>? logger = null, IMeterFactory? meterFactory = null)
        : this(CreateHttpClient(options), ownsHttp: true, options, logger, meterFactory)
    {
    }

    private InfluxHistoryStore(HttpClient http, bool ownsHttp, InfluxOptions options, ILogger? logger, IMeterFactory? meterFactory)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _http = http;
        _ownsHttp = ownsHttp;
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _metrics = new HistoryMetrics("influxdb", meterFactory);
        _deadLetters = options.DeadLetterPath is { Length: > 0 } path ? new DeadLetterFile(path) : null;
        _baseUrl = options.Url.AbsoluteUri.TrimEnd('/') + "/";

        var write = new StringBuilder(_baseUrl).Append("write?db=").Append(Uri.EscapeDataString(options.Database))
            .Append("&precision=ns"); // see LineProtocol.TimestampNs
        if (options.RetentionPolicy is { Length: > 0 } rp)
        {
            write.Append("&rp=").Append(Uri.EscapeDataString(rp));
            _measurement = QuoteIdentifier(rp) + "." + QuoteIdentifier(LineProtocol.Measurement);
        }
        else
        {
            _measurement = QuoteIdentifier(LineProtocol.Measurement);
        }
        _writeUri = new Uri(write.ToString());

        if (options.Username is { Length: > 0 } user)
        {
            var token = Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + (options.Password ?? "")));
            _auth = new AuthenticationHeaderValue("Basic", token);
        }
    }

    /// <summary>Points acknowledged by the server since this store was created.</summary>
    public long PointsWritten => Interlocked.Read(ref _pointsWritten);

    /// <summary>Lines the server rejected on their own and that were recorded in the dead-letter file.</summary>
    public long DeadLetters => Interlocked.Read(ref _deadLetterCount);

    /// <summary>Requests that failed (timeout, connection error, unexpected status).</summary>
    public long FailedAttempts => Interlocked.Read(ref _failedAttempts);

    /// <summary>Requests sent again after a failure.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Full path of the dead-letter file, or null when none is configured.</summary>
    public string? DeadLetterPath => _deadLetters?.Path;

    /// <inheritdoc />
    public async Task WriteAsync(IReadOnlyList<VitalsPoint> points, CancellationToken cancellationToken = default)
    {
        VitalsPoint.Validate(points);
        if (points.Count == 0)
        {
            return;
        }
        var started = Stopwatch.GetTimestamp();
        await EnsureDatabaseAsync(cancellationToken).ConfigureAwait(false);

        var buffer = new ArrayBufferWriter<byte>(Math.Min(points.Count, _options.BatchSize) * 160);
        var ends = new int[Math.Min(points.Count, _options.BatchSize)];
        for (var start = 0; start < points.Count; start += _options.BatchSize)
        {
            var count = Math.Min(_options.BatchSize, points.Count - start);
            buffer.ResetWrittenCount();
            for (var i = 0; i < count; i++)
            {
                LineProtocol.Write(buffer, points[start + i]);
                ends[i] = buffer.WrittenCount;
            }
            await WriteLinesAsync(buffer.WrittenMemory, ends, 0, count, cancellationToken).ConfigureAwait(false);
        }
        _metrics.WriteDuration(Stopwatch.GetElapsedTime(started));
    }

    /// <summary>
    /// Writes raw line protocol (one line per <c>\n</c>, times in nanoseconds) through the same path as
    /// <see cref="WriteAsync"/>.
    /// </summary>
    internal async Task WriteLineProtocolAsync(string lines, CancellationToken cancellationToken = default)
    {
        var body = Encoding.UTF8.GetBytes(lines.EndsWith('\n') ? lines : lines + "\n");
        var ends = new List<int>();
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] == (byte)'\n')
            {
                ends.Add(i + 1);
            }
        }
        await EnsureDatabaseAsync(cancellationToken).ConfigureAwait(false);
        await WriteLinesAsync(body, [.. ends], 0, ends.Count, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<HistorySeries> QueryAsync(
        string patientId, DateTimeOffset from, DateTimeOffset to, TimeSpan step, CancellationToken cancellationToken = default)
    {
        var (fromMs, toMs, stepMs) = HistoryQuery.Validate(patientId, from, to, step);
        var q = new StringBuilder("SELECT ");
        foreach (var p in Parameters)
        {
            var field = QuoteIdentifier(p);
            q.Append("mean(").Append(field).Append(") AS \"").Append(p).Append("_mean\", ")
                .Append("min(").Append(field).Append(") AS \"").Append(p).Append("_min\", ")
                .Append("max(").Append(field).Append(") AS \"").Append(p).Append("_max\", ")
                .Append("count(").Append(field).Append(") AS \"").Append(p).Append("_count\", ");
        }
        q.Length -= 2;
        AppendWhere(q, patientId, fromMs, toMs);
        q.Append(CultureInfo.InvariantCulture, $" GROUP BY time({stepMs}ms) fill(none)");

        var buckets = new List<HistoryBucket>();
        using var doc = await QueryJsonAsync(q.ToString(), cancellationToken).ConfigureAwait(false);
        foreach (var row in Rows(doc, out var columns))
        {
            var stats = new ParameterStats?[Parameters.Length];
            for (var i = 0; i < Parameters.Length; i++)
            {
                var count = Number(row, columns, Parameters[i] + "_count");
                if (count is > 0)
                {
                    stats[i] = new ParameterStats(
                        Number(row, columns, Parameters[i] + "_mean") ?? double.NaN,
                        Number(row, columns, Parameters[i] + "_min") ?? double.NaN,
                        Number(row, columns, Parameters[i] + "_max") ?? double.NaN,
                        (long)count.Value);
                }
            }
            var bucket = new HistoryBucket(
                DateTimeOffset.FromUnixTimeMilliseconds((long)(Number(row, columns, "time") ?? 0)),
                stats[0], stats[1], stats[2], stats[3], stats[4], stats[5], stats[6]);
            if (!bucket.IsEmpty)
            {
                buckets.Add(bucket);
            }
        }
        return new HistorySeries(patientId, from, to, step, buckets);
    }

    /// <inheritdoc />
    public async Task<long> CountAsync(string patientId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var (fromMs, toMs) = HistoryQuery.ValidateRange(patientId, from, to);
        // seq is on every point, so its count is the number of points.
        var q = new StringBuilder("SELECT count(\"seq\") AS \"n\"");
        AppendWhere(q, patientId, fromMs, toMs);
        using var doc = await QueryJsonAsync(q.ToString(), cancellationToken).ConfigureAwait(false);
        long total = 0;
        foreach (var row in Rows(doc, out var columns))
        {
            total += (long)(Number(row, columns, "n") ?? 0);
        }
        return total;
    }

    public void Dispose()
    {
        _metrics.Dispose();
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    /// <summary>Escapes text for an InfluxQL single-quoted string literal.</summary>
    internal static string QuoteString(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('\'');
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': sb.Append(@"\\"); break;
                case '\'': sb.Append(@"\'"); break;
                case '\n': sb.Append(@"\n"); break;
                default: sb.Append(c); break;
            }
        }
        return sb.Append('\'').ToString();
    }

    /// <summary>Escapes a name for an InfluxQL double-quoted identifier.</summary>
    internal static string QuoteIdentifier(string name)
    {
        var sb = new StringBuilder(name.Length + 2).Append('"');
        foreach (var c in name)
        {
            switch (c)
            {
                case '\\': sb.Append(@"\\"); break;
                case '"': sb.Append("\\\""); break;
                case '\n': sb.Append(@"\n"); break;
                default: sb.Append(c); break;
            }
        }
        return sb.Append('"').ToString();
    }

    private void AppendWhere(StringBuilder q, string patientId, long fromMs, long toMs)
    {
        q.Append(" FROM ").Append(_measurement)
            .Append(" WHERE \"patient\" = ").Append(QuoteString(LineProtocol.NormalizeTagValue(patientId)))
            .Append(CultureInfo.InvariantCulture, $" AND time >= {fromMs}ms AND time < {toMs}ms");
    }

    private static HttpClient CreateHttpClient(InfluxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectTimeout = options.Timeout,
        };
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Sends lines [lo, hi) of <paramref name="body"/>, bisecting on 400 and 413.</summary>
    private async Task WriteLinesAsync(ReadOnlyMemory<byte> body, int[] ends, int lo, int hi, CancellationToken cancellationToken)
    {
        var start = lo == 0 ? 0 : ends[lo - 1];
        var slice = body[start..ends[hi - 1]];
        var lines = hi - lo;
        var (status, error) = await PostLinesAsync(slice, lines, cancellationToken).ConfigureAwait(false);
        if (status is null)
        {
            Interlocked.Add(ref _pointsWritten, lines);
            _metrics.PointsWritten(lines);
            return;
        }
        if (lines > 1)
        {
            _logger.LogWarning("InfluxDB rejected {Lines} lines ({Status}: {Error}); splitting the request to isolate the bad ones",
                lines, (int)status, error);
            var mid = lo + lines / 2;
            await WriteLinesAsync(body, ends, lo, mid, cancellationToken).ConfigureAwait(false);
            await WriteLinesAsync(body, ends, mid, hi, cancellationToken).ConfigureAwait(false);
            return;
        }

        var line = Encoding.UTF8.GetString(slice.Span).TrimEnd('\n');
        if (_deadLetters is null)
        {
            throw new HistoryStoreException(
                $"InfluxDB rejected a line ({(int)status}: {error}) and no dead-letter file is configured (InfluxOptions.DeadLetterPath): {line}");
        }
        try
        {
            await _deadLetters.AppendAsync(DateTimeOffset.UtcNow, _options.Database, $"{(int)status}: {error}", line, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new HistoryStoreException(
                $"InfluxDB rejected a line ({(int)status}: {error}) and it could not be recorded in {_deadLetters.Path}: {ex.Message}", ex);
        }
        Interlocked.Increment(ref _deadLetterCount);
        _metrics.DeadLetter();
        _logger.LogError("InfluxDB rejected a line ({Status}: {Error}); recorded in {DeadLetterPath}: {Line}",
            (int)status, error, _deadLetters.Path, line);
    }

    /// <summary>
    /// Posts lines, retrying transient failures. Returns (null, null) when stored, or the status and error of a
    /// rejection (400, 413) to bisect. Throws <see cref="HistoryStoreException"/> when the retries are used up.
    /// </summary>
    private async Task<(HttpStatusCode? Status, string? Error)> PostLinesAsync(
        ReadOnlyMemory<byte> body, int lines, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (attempt > 0)
            {
                Interlocked.Increment(ref _retries);
                _metrics.Retry();
                await Task.Delay(Backoff(attempt), cancellationToken).ConfigureAwait(false);
                if (!_databaseReady)
                {
                    await EnsureDatabaseAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            string failure;
            Exception? exception = null;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(_options.Timeout);
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, _writeUri);
                    request.Headers.Authorization = _auth;
                    request.Content = new ReadOnlyMemoryContent(body);
                    request.Content.Headers.ContentType = TextPlain;
                    using var response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
                    if (response.IsSuccessStatusCode)
                    {
                        return (null, null);
                    }
                    var error = await ReadErrorAsync(response, timeout.Token).ConfigureAwait(false);
                    if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge)
                    {
                        return (response.StatusCode, error);
                    }
                    if (response.StatusCode == HttpStatusCode.NotFound && error.Contains("database not found", StringComparison.Ordinal))
                    {
                        _databaseReady = false; // dropped behind our back, or a new server: create it again and retry
                    }
                    failure = $"HTTP {(int)response.StatusCode}: {error}";
                }
                catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    failure = $"timed out after {_options.Timeout.TotalSeconds:0.###} s";
                    exception = ex;
                }
                catch (HttpRequestException ex)
                {
                    failure = ex.Message;
                    exception = ex;
                }
            }

            Interlocked.Increment(ref _failedAttempts);
            _metrics.FailedAttempt(exception is OperationCanceledException ? "timeout" : exception is not null ? "connection" : "status");
            if (attempt >= _options.MaxRetries)
            {
                throw new HistoryStoreException(
                    $"InfluxDB at {_options.Url} did not store {lines} points after {attempt + 1} attempts: {failure}", exception);
            }
            _logger.LogWarning("Writing {Lines} points to InfluxDB failed ({Failure}); retry {Retry} of {MaxRetries}",
                lines, failure, attempt + 1, _options.MaxRetries);
        }
    }

    private async Task EnsureDatabaseAsync(CancellationToken cancellationToken)
    {
        if (_databaseReady)
        {
            return;
        }
        await _databaseLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_databaseReady)
            {
                return;
            }
            var q = "CREATE DATABASE " + QuoteIdentifier(_options.Database);
            try
            {
                using var doc = await SendQueryAsync(q, withDatabase: false, cancellationToken).ConfigureAwait(false);
                _logger.LogInformation("InfluxDB database {Database} is ready at {Url}", _options.Database, _options.Url);
            }
            catch (HistoryStoreException ex) when (ex.Refused)
            {
                // A user without admin rights may not create databases; one provisioned for it is fine. If it is
                // missing after all, writes get 404 and fail (retried, then thrown), never dropped.
                _logger.LogWarning("InfluxDB refused to create database {Database} ({Error}); using it as it is",
                    _options.Database, ex.Message);
            }
            _databaseReady = true;
        }
        finally
        {
            _databaseLock.Release();
        }
    }

    private async Task<JsonDocument> QueryJsonAsync(string query, CancellationToken cancellationToken)
    {
        await EnsureDatabaseAsync(cancellationToken).ConfigureAwait(false);
        return await SendQueryAsync(query, withDatabase: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs one InfluxQL statement, retrying transient failures; throws on any error in the answer.</summary>
    private async Task<JsonDocument> SendQueryAsync(string query, bool withDatabase, CancellationToken cancellationToken)
    {
        var url = new StringBuilder(_baseUrl).Append("query?epoch=ms");
        if (withDatabase)
        {
            url.Append("&db=").Append(Uri.EscapeDataString(_options.Database));
        }
        var form = new FormUrlEncodedContent([new("q", query)]);
        var formBody = await form.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);

        for (var attempt = 0; ; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(Backoff(attempt), cancellationToken).ConfigureAwait(false);
            }
            string failure;
            Exception? exception = null;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(_options.Timeout);
                try
                {
                    // POST with the statement in a form body: no URL length limit, no patient id in access logs.
                    using var request = new HttpRequestMessage(HttpMethod.Post, url.ToString());
                    request.Headers.Authorization = _auth;
                    request.Content = new ByteArrayContent(formBody);
                    request.Content.Headers.ContentType = form.Headers.ContentType;
                    using var response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
                    if (response.IsSuccessStatusCode)
                    {
                        var stream = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
                        var doc = await JsonDocument.ParseAsync(stream, default, timeout.Token).ConfigureAwait(false);
                        ThrowOnQueryError(doc, query);
                        return doc;
                    }
                    var error = await ReadErrorAsync(response, timeout.Token).ConfigureAwait(false);
                    if ((int)response.StatusCode is >= 400 and < 500)
                    {
                        throw new HistoryStoreException($"InfluxDB refused the query ({(int)response.StatusCode}: {error}): {query}")
                        {
                            Refused = true,
                        };
                    }
                    failure = $"HTTP {(int)response.StatusCode}: {error}";
                }
                catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    failure = $"timed out after {_options.Timeout.TotalSeconds:0.###} s";
                    exception = ex;
                }
                catch (HttpRequestException ex)
                {
                    failure = ex.Message;
                    exception = ex;
                }
            }
            if (attempt >= _options.MaxRetries)
            {
                throw new HistoryStoreException(
                    $"InfluxDB at {_options.Url} did not answer a query after {attempt + 1} attempts: {failure}", exception);
            }
            _logger.LogWarning("InfluxDB query failed ({Failure}); retry {Retry} of {MaxRetries}", failure, attempt + 1, _options.MaxRetries);
        }
    }

    private static void ThrowOnQueryError(JsonDocument doc, string query)
    {
        var root = doc.RootElement;
        if (root.TryGetProperty("error", out var error))
        {
            doc.Dispose();
            throw new HistoryStoreException($"InfluxDB query failed: {error.GetString()}: {query}") { Refused = true };
        }
        if (root.TryGetProperty("results", out var results))
        {
            foreach (var result in results.EnumerateArray())
            {
                if (result.TryGetProperty("error", out var e))
                {
                    var message = e.GetString();
                    doc.Dispose();
                    throw new HistoryStoreException($"InfluxDB query failed: {message}: {query}") { Refused = true };
                }
                if (result.TryGetProperty("partial", out var partial) && partial.ValueKind == JsonValueKind.True)
                {
                    doc.Dispose();
                    throw new HistoryStoreException(
                        $"InfluxDB returned a truncated result (its max-row-limit is below the {HistoryQuery.MaxBuckets} buckets a query may have): {query}");
                }
            }
        }
    }

    private static IEnumerable<JsonElement> Rows(JsonDocument doc, out Dictionary<string, int> columns)
    {
        columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new List<JsonElement>();
        if (!doc.RootElement.TryGetProperty("results", out var results))
        {
            return rows;
        }
        foreach (var result in results.EnumerateArray())
        {
            if (!result.TryGetProperty("series", out var series))
            {
                continue;
            }
            foreach (var s in series.EnumerateArray())
            {
                if (columns.Count == 0)
                {
                    var i = 0;
                    foreach (var c in s.GetProperty("columns").EnumerateArray())
                    {
                        columns[c.GetString()!] = i++;
                    }
                }
                if (s.TryGetProperty("values", out var values))
                {
                    rows.AddRange(values.EnumerateArray());
                }
            }
        }
        return rows;
    }

    private static double? Number(JsonElement row, Dictionary<string, int> columns, string column)
    {
        if (!columns.TryGetValue(column, out var i) || i >= row.GetArrayLength())
        {
            return null;
        }
        var value = row[i];
        return value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
    }

    private static async Task<string> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Headers.TryGetValues("X-Influxdb-Error", out var values))
        {
            return string.Join(" ", values);
        }
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return text.Length > 2000 ? text[..2000] : text;
        }
        catch (HttpRequestException)
        {
            return response.ReasonPhrase ?? "";
        }
    }

    /// <summary>Exponential backoff with jitter: half the doubled delay plus a random share of the other half.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var exponential = _options.RetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = Math.Min(exponential, _options.MaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped / 2 + Random.Shared.NextDouble() * capped / 2);
    }
}
