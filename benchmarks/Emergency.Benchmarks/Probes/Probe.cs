using System.Globalization;

namespace Emergency.Benchmarks.Probes;

/// <summary>What the end-to-end probes share: arguments and the percentile row they print.</summary>
internal static class Probe
{
    public static string Row(string name, IReadOnlyCollection<TimeSpan> values)
    {
        if (values.Count == 0) return $"| {name} | – | – | – |";
        var ms = values.Select(v => v.TotalMilliseconds).Order().ToArray();
        double At(double q) => ms[Math.Min(ms.Length - 1, (int)Math.Ceiling(q * ms.Length) - 1)];
        return string.Create(CultureInfo.InvariantCulture, $"| {name} | {At(0.5):0.00} | {At(0.95):0.00} | {ms[^1]:0.00} |");
    }

    public static string Arg(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
