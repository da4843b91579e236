using System.Diagnostics.Metrics;
using Emergency.Journal;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Emergency.Ingest.Journaling;

/// <summary>Configuration section <c>Journal</c>; the folder is <c>{Data:Directory}/journal</c> unless set.</summary>
public sealed class JournalHostOptions
{
    public const string Section = "Journal";

    public string? Directory { get; set; }
    public long SegmentSizeBytes { get; set; } = 64L * 1024 * 1024;
    /// <summary>
    /// Extra time the writer waits to gather frames for one fsync. Zero (the default) still batches: whatever
    /// arrives during an fsync goes into the next one; a non-zero window costs at least the OS timer resolution
    /// (about 4 ms here) on every PUBACK (docs/durability.md).
    /// </summary>
    public TimeSpan GroupCommitWindow { get; set; } = TimeSpan.Zero;
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);
    /// <summary>Only for benchmarks: without fsync a power loss can lose acknowledged frames.</summary>
    public bool FsyncEnabled { get; set; } = true;
}

/// <summary>
/// Opens the ingest journal at start-up (recovering a torn tail from a crash) before the broker accepts
/// anything, and makes accepted frames durable for <see cref="Dispatch.FrameDispatcher"/>.
/// </summary>
public sealed class JournalHost(
    IOptions<JournalHostOptions> options,
    ILoggerFactory loggerFactory,
    IMeterFactory meterFactory,
    TimeProvider time) : IHostedService, IFrameJournal, IAsyncDisposable
{
    private IngestJournal? _journal;

    public IngestJournal Journal => _journal ?? throw new InvalidOperationException("the journal is not open yet");

    public bool IsOpen => _journal is not null;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        _journal = await IngestJournal.OpenAsync(new JournalOptions
        {
            Directory = o.Directory!,
            SegmentSizeBytes = o.SegmentSizeBytes,
            GroupCommitWindow = o.GroupCommitWindow,
            Retention = o.Retention,
            FsyncEnabled = o.FsyncEnabled,
        }, loggerFactory, meterFactory, time, cancellationToken);
        loggerFactory.CreateLogger<JournalHost>().LogInformation("Ingest journal open at {Directory}: {Stats}", o.Directory, _journal.GetStats());
    }

    public async ValueTask AppendAsync(IReadOnlyList<ReadOnlyMemory<byte>> records, CancellationToken cancellationToken) =>
        await Journal.Writer.AppendBatchAsync(records, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_journal is { } journal)
        {
            await journal.DisposeAsync();
        }
    }
}
