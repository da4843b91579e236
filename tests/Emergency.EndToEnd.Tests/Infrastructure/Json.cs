using System.Text.Json;

namespace Emergency.EndToEnd.Tests.Infrastructure;

/// <summary>Tests read answers as raw JSON so they check the wire contract, not our own types.</summary>
public static class Json
{
    public static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    public static string VitalsFrame(string? patientId, long seq, DateTimeOffset ts, string vitals)
    {
        var pid = patientId is null ? "" : $"\"patientId\":\"{patientId}\",";
        return $"{{{pid}\"seq\":{seq},\"ts\":\"{ts.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}\",{vitals}}}";
    }

    /// <summary>The contract's example vitals: NEWS2 total 11, high.</summary>
    public const string ExampleVitals =
        "\"hr\":112,\"rr\":24,\"spo2\":93,\"sbp\":98,\"dbp\":60,\"temp\":38.4,\"acvpu\":\"A\",\"o2\":true,\"spo2Scale\":1";
}
