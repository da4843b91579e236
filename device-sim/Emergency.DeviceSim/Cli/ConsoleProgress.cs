using System.Globalization;

namespace Emergency.DeviceSim.Cli;

/// <summary>
/// The live progress line on stderr: rewritten in place ('\r') on a terminal, one line every
/// <see cref="RedirectedInterval"/> when redirected to a file or pipe.
/// </summary>
internal sealed class ConsoleProgress(TextWriter writer, bool interactive) : IProgress<SimulationProgress>
{
    public static readonly TimeSpan RedirectedInterval = TimeSpan.FromSeconds(5);

    private readonly Lock _lock = new();
    private TimeSpan _lastWritten = TimeSpan.MinValue;
    private int _lastLength;
    private SimulationProgress? _unwritten;

    public void Report(SimulationProgress value)
    {
        lock (_lock)
        {
            var line = Format(value);
            if (interactive)
            {
                var padding = Math.Max(0, _lastLength - line.Length);
                writer.Write('\r' + line + new string(' ', padding));
                _lastLength = line.Length;
                writer.Flush();
            }
            else if (_lastWritten == TimeSpan.MinValue || value.Elapsed - _lastWritten >= RedirectedInterval)
            {
                writer.WriteLine(line);
                _lastWritten = value.Elapsed;
                _unwritten = null;
            }
            else
            {
                _unwritten = value;
            }
        }
    }

    /// <summary>Ends the in-place line so what follows starts on a fresh one; when redirected, writes the last state if it was held back.</summary>
    public void Complete()
    {
        lock (_lock)
        {
            if (interactive && _lastLength > 0)
            {
                writer.WriteLine();
                _lastLength = 0;
            }
            else if (!interactive && _unwritten is { } last)
            {
                writer.WriteLine(Format(last));
                _unwritten = null;
            }
        }
    }

    public static string Format(SimulationProgress p)
    {
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"[{(int)p.Elapsed.TotalHours:00}:{p.Elapsed.Minutes:00}:{p.Elapsed.Seconds:00}] connected {p.Connected}/{p.Devices}  sent {p.Sent}  acked {p.Acknowledged}  refused {p.Refused}  buffered {p.Buffered}  dropped {p.Dropped}");
        if (p.EcgSocket is { } ecg)
        {
            line += string.Create(CultureInfo.InvariantCulture, $"  ecg socket: connected {ecg.Connected} sent {ecg.Sent} acked {ecg.Acknowledged} refused {ecg.Refused} buffered {ecg.Buffered}");
        }

        return p.Connected == 0 && p.LastConnectError is { } error ? $"{line}  (last connect error: {error})" : line;
    }
}
