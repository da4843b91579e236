using System.Text.Json.Serialization;

namespace Emergency.Domain.Hospitals;

/// <summary>
/// System.Text.Json converter for an enum written as its wire code (the <see cref="JsonStringEnumMemberNameAttribute"/>
/// on each member). Numbers are refused, so <c>"stroke": 2</c> is an error rather than a silent guess.
/// </summary>
public sealed class WireEnumConverter<TEnum> : JsonStringEnumConverter<TEnum>
    where TEnum : struct, Enum
{
    public WireEnumConverter()
        : base(namingPolicy: null, allowIntegerValues: false)
    {
    }
}
