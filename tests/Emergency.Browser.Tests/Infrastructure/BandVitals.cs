namespace Emergency.Browser.Tests.Infrastructure;

/// <summary>
/// Complete vitals (all seven NEWS2 parameters, SpO2 scale 1) that land in each risk band (RCP NEWS2 chart 1).
/// Neighbouring bands differ by less than the artefact filter's jump limits (HR 40 bpm, SpO2 40 points).
/// </summary>
public static class BandVitals
{
    /// <summary>Every parameter scores 0: total 0, low.</summary>
    public const string Low = "\"hr\":80,\"rr\":16,\"spo2\":97,\"sbp\":120,\"dbp\":80,\"temp\":37.0,\"acvpu\":\"A\",\"o2\":false,\"spo2Scale\":1";

    /// <summary>SpO2 91 % scores 3, the rest 0: total 3 with a single 3, low-medium.</summary>
    public const string LowMedium = "\"hr\":80,\"rr\":16,\"spo2\":91,\"sbp\":120,\"dbp\":80,\"temp\":37.0,\"acvpu\":\"A\",\"o2\":false,\"spo2Scale\":1";

    /// <summary>HR 112 (2) + RR 22 (2) + temp 38.5 (1): total 5, medium.</summary>
    public const string Medium = "\"hr\":112,\"rr\":22,\"spo2\":97,\"sbp\":120,\"dbp\":80,\"temp\":38.5,\"acvpu\":\"A\",\"o2\":false,\"spo2Scale\":1";

    /// <summary>The contract's example: total 11, high.</summary>
    public const string High = "\"hr\":112,\"rr\":24,\"spo2\":93,\"sbp\":98,\"dbp\":60,\"temp\":38.4,\"acvpu\":\"A\",\"o2\":true,\"spo2Scale\":1";

    /// <summary>Low vitals with another pulse (still scoring 0 for 51–90).</summary>
    public static string LowWithHr(int hr) => Low.Replace("\"hr\":80", $"\"hr\":{hr}");

    /// <summary>Low vitals but SpO2 88 % on air (scores 3): a desaturation.</summary>
    public const string Desaturated = "\"hr\":84,\"rr\":18,\"spo2\":88,\"sbp\":118,\"dbp\":78,\"temp\":37.0,\"acvpu\":\"A\",\"o2\":false,\"spo2Scale\":1";
}
