using System.Diagnostics.Metrics;

namespace Emergency.History;

/// <summary>
/// The history stores' instruments, on the meter <c>Emergency.History</c>. Every measurement is tagged with
/// <c>store</c> (<c>influxdb</c> or <c>sqlite</c>).
/// </summary>
internal sealed class HistoryMetrics : IDisposable
{
    public const string MeterName = "Emergency.History";

    private readonly Meter? _ownedMeter;
    private readonly KeyValuePair<string, object?> _store;
    private readonly Counter<long> _pointsWritten;
    private readonly Counter<long> _failedAttempts;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _deadLetters;
    private readonly Histogram<double> _writeDuration;

    public HistoryMetrics(string store, IMeterFactory? meterFactory)
    {
        Meter meter;
        if (meterFactory is not null)
        {
            meter = meterFactory.Create(MeterName);
        }
        else
        {
            meter = _ownedMeter = new Meter(MeterName);
        }
        _store = new("store", store);
        _pointsWritten = meter.CreateCounter<long>("emergency.history.points_written", "{point}",
            "Points acknowledged by the store.");
        _failedAttempts = meter.CreateCounter<long>("emergency.history.write_failures", "{request}",
            "Write requests that failed (timeout, connection error, server error); each is retried or the write throws.");
        _retries = meter.CreateCounter<long>("emergency.history.write_retries", "{request}",
            "Write requests sent again after a failure.");
        _deadLetters = meter.CreateCounter<long>("emergency.history.dead_letters", "{point}",
            "Points the database rejected as malformed, recorded in the dead-letter file instead.");
        _writeDuration = meter.CreateHistogram<double>("emergency.history.write_duration", "s",
            "Duration of a successful WriteAsync call, retries included.");
    }

    public void PointsWritten(long count) => _pointsWritten.Add(count, _store);

    public void FailedAttempt(string reason) => _failedAttempts.Add(1, _store, new("reason", reason));

    public void Retry() => _retries.Add(1, _store);

    public void DeadLetter() => _deadLetters.Add(1, _store);

    public void WriteDuration(TimeSpan elapsed) => _writeDuration.Record(elapsed.TotalSeconds, _store);

    public void Dispose() => _ownedMeter?.Dispose();
}
