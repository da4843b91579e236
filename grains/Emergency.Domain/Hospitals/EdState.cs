using System.Text.Json.Serialization;

namespace Emergency.Domain.Hospitals;

/// <summary>Whether an emergency department accepts ambulances. Wire form: <c>open|diversion</c>.</summary>
[JsonConverter(typeof(WireEnumConverter<EdState>))]
public enum EdState : byte
{
    [JsonStringEnumMemberName("open")]
    Open = 0,

    /// <summary>The department asks ambulances to go elsewhere (see <see cref="EdStatus.Reason"/>).</summary>
    [JsonStringEnumMemberName("diversion")]
    Diversion = 1,
}

public static class EdStateCodes
{
    /// <summary>The wire form: <c>open|diversion</c>.</summary>
    public static string ToCode(this EdState state) => state switch
    {
        EdState.Open => "open",
        EdState.Diversion => "diversion",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    /// <summary>Parses the wire form (exact, lower case).</summary>
    public static bool TryParse(string? code, out EdState state)
    {
        switch (code)
        {
            case "open": state = EdState.Open; return true;
            case "diversion": state = EdState.Diversion; return true;
            default: state = default; return false;
        }
    }

    /// <summary>Codes for error messages: <c>open|diversion</c>.</summary>
    public const string Codes = "open|diversion";
}
