using System.Globalization;

namespace Emergency.Benchmarks.Load;

/// <summary>
/// CPU time and memory of a process on the same machine, read from <c>/proc/{pid}</c> (Linux): cheap enough to read
/// every second, and it needs nothing from the process itself, so it works for the host, the bare broker and Mosquitto.
/// </summary>
public sealed class ProcessSampler(int pid)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public int Pid { get; } = pid;

    /// <summary>User + system CPU time consumed so far.</summary>
    public TimeSpan CpuTime()
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{Pid}/stat");
            // The command name (field 2) may hold spaces: fields are counted after its closing parenthesis.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / TicksPerSecond);
        }
        catch (IOException)
        {
            return TimeSpan.Zero;
        }
    }

    /// <summary>Resident set size now, and its peak (VmHWM), in bytes.</summary>
    public (long Rss, long Peak) Memory()
    {
        long rss = 0, peak = 0;
        try
        {
            foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = Kilobytes(line) * 1024;
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) peak = Kilobytes(line) * 1024;
            }
        }
        catch (IOException)
        {
        }
        return (rss, peak);
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
