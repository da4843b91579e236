using System.Text.Json.Serialization;

namespace Emergency.Domain.Hospitals;

/// <summary>
/// What a hospital can do for acute ischaemic stroke. Each level includes the one below: a thrombectomy-capable
/// centre also gives IV thrombolysis.
/// </summary>
/// <remarks>
/// Levels follow the stroke-centre tiers of the AHA/ASA 2019 guideline for early management of acute ischaemic
/// stroke (W. J. Powers et al., Stroke 50:e344–e418, 2019): a primary (thrombolysis-capable) stroke centre
/// and a thrombectomy-capable / comprehensive centre. Wire form: <c>thrombectomy|primary|none</c>.
/// </remarks>
[JsonConverter(typeof(WireEnumConverter<StrokeCapability>))]
public enum StrokeCapability : byte
{
    [JsonStringEnumMemberName("none")]
    None = 0,

    /// <summary>Primary stroke centre: 24/7 CT and IV thrombolysis.</summary>
    [JsonStringEnumMemberName("primary")]
    Primary = 1,

    /// <summary>Thrombectomy-capable (endovascular therapy) centre; also thrombolysis.</summary>
    [JsonStringEnumMemberName("thrombectomy")]
    Thrombectomy = 2,
}

public static class StrokeCapabilityCodes
{
    /// <summary>The wire form: <c>none|primary|thrombectomy</c>.</summary>
    public static string ToCode(this StrokeCapability stroke) => stroke switch
    {
        StrokeCapability.None => "none",
        StrokeCapability.Primary => "primary",
        StrokeCapability.Thrombectomy => "thrombectomy",
        _ => throw new ArgumentOutOfRangeException(nameof(stroke), stroke, null),
    };

    /// <summary>Parses the wire form (exact, lower case).</summary>
    public static bool TryParse(string? code, out StrokeCapability stroke)
    {
        switch (code)
        {
            case "none": stroke = StrokeCapability.None; return true;
            case "primary": stroke = StrokeCapability.Primary; return true;
            case "thrombectomy": stroke = StrokeCapability.Thrombectomy; return true;
            default: stroke = default; return false;
        }
    }

    /// <summary>Codes for error messages: <c>thrombectomy|primary|none</c>.</summary>
    public const string Codes = "thrombectomy|primary|none";
}
