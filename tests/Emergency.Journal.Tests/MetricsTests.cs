using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Emergency.Journal.Tests;

public sealed class MetricsTests
{
    [Fact]
    public async Task Instruments_report_appends_fsyncs_size_and_cursor_lag()
    {
        using var temp = new TempDirectory();
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        await using var journal = await IngestJournal.OpenAsync(
            Journals.Options(temp.Journal), meterFactory: services.GetRequiredService<IMeterFactory>());

        var sums = new Dictionary<string, double>();
        var last = new Dictionary<string, double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, journal.Meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        void Record(Instrument instrument, double value)
        {
            lock (sums)
            {
                sums[instrument.Name] = sums.GetValueOrDefault(instrument.Name) + value;
                last[instrument.Name] = value;
            }
        }

        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => Record(instrument, value));
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => Record(instrument, value));
        listener.Start();

        for (int i = 0; i < 10; i++)
        {
            await journal.AppendAsync(Journals.Payload(100, i));
        }

        await journal.Cursors.CommitAsync("history-influx", 0);
        listener.RecordObservableInstruments();

        long end = journal.Writer.LastDurablePosition;
        lock (sums)
        {
            Assert.Equal(10, sums["emergency.journal.records.appended"]);
            Assert.Equal(1000, sums["emergency.journal.bytes.appended"]);
            Assert.True(sums["emergency.journal.fsyncs"] >= 1);
            Assert.True(sums.ContainsKey("emergency.journal.fsync.duration"));
            Assert.Equal(end, last["emergency.journal.size"]);
            Assert.Equal(end, last["emergency.journal.durable_position"]);
            Assert.Equal(end, last["emergency.journal.cursor.lag"]);
        }

        var stats = journal.GetStats();
        Assert.Equal(10, stats.RecordsAppended);
        Assert.Equal(1000, stats.BytesAppended);
        Assert.Equal(end, stats.SizeBytes);
        Assert.Equal(end, stats.LastDurablePosition);
        Assert.Equal(end, stats.CursorLagBytes["history-influx"]);
        Assert.True(stats.Fsyncs >= 1);
        Assert.True(stats.MaxFsyncMs >= stats.FsyncP99Ms);
        Assert.True(stats.FsyncP99Ms > 0);
    }
}
