using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;

namespace Emergency.Benchmarks.Load;

/// <summary>
/// Every garbage-collection pause of another .NET process, from its runtime's GC events over EventPipe (as
/// <c>dotnet-trace</c> gets them): a pause runs from the runtime suspending managed threads to resuming them.
/// The process's own counters only give total pause time; the longest single pause is what delays a frame.
/// </summary>
public sealed class GcPauseWatcher : IDisposable
{
    private readonly EventPipeSession _session;
    private readonly Task _processing;
    private double _suspendedAtMs = double.NaN;
    private double _maxPauseMs;
    private double _totalPauseMs;
    private long _pauses;

    private GcPauseWatcher(EventPipeSession session)
    {
        _session = session;
        var source = new EventPipeEventSource(session.EventStream);
        source.Clr.GCSuspendEEStart += e => _suspendedAtMs = e.TimeStampRelativeMSec;
        source.Clr.GCRestartEEStop += e =>
        {
            if (double.IsNaN(_suspendedAtMs)) return;
            var pause = e.TimeStampRelativeMSec - _suspendedAtMs;
            _suspendedAtMs = double.NaN;
            lock (this)
            {
                _pauses++;
                _totalPauseMs += pause;
                _maxPauseMs = Math.Max(_maxPauseMs, pause);
            }
        };
        _processing = Task.Run(() =>
        {
            try
            {
                source.Process();
            }
            catch (Exception)
            {
                // the process exited or the session was stopped
            }
        });
    }

    /// <summary>Starts watching, or returns null when the process offers no diagnostics port (not .NET, or gone).</summary>
    public static GcPauseWatcher? TryStart(int pid)
    {
        try
        {
            var providers = new[]
            {
                new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, (long)ClrTraceEventParser.Keywords.GC),
            };
            return new GcPauseWatcher(new DiagnosticsClient(pid).StartEventPipeSession(providers, requestRundown: false));
        }
        catch (Exception)
        {
            return null;
        }
    }

    /// <summary>Pauses seen since the last reset: count, longest and total, in milliseconds.</summary>
    public (long Count, double MaxMs, double TotalMs) TakeAndReset()
    {
        lock (this)
        {
            var result = (_pauses, _maxPauseMs, _totalPauseMs);
            _pauses = 0;
            _maxPauseMs = 0;
            _totalPauseMs = 0;
            return result;
        }
    }

    public void Dispose()
    {
        try
        {
            _session.Stop();
        }
        catch (Exception)
        {
            // already gone
        }
        _processing.Wait(TimeSpan.FromSeconds(5));
        _session.Dispose();
    }
}
