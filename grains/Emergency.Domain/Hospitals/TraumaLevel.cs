using System.Text.Json.Serialization;

namespace Emergency.Domain.Hospitals;

/// <summary>
/// Trauma centre verification level, American College of Surgeons Committee on Trauma scheme
/// (Resources for Optimal Care of the Injured Patient, ACS 2022): Level I and II provide definitive care for
/// major trauma around the clock; Level III offers prompt assessment, resuscitation and stabilisation.
/// </summary>
/// <remarks>Wire form: the number <c>1</c>, <c>2</c> or <c>3</c>; <c>null</c> (or <c>0</c> on input) for none.</remarks>
[JsonConverter(typeof(TraumaLevelJsonConverter))]
public enum TraumaLevel : byte
{
    /// <summary>Not a trauma centre.</summary>
    None = 0,
    Level1 = 1,
    Level2 = 2,
    Level3 = 3,
}

public static class TraumaLevels
{
    /// <summary>The wire number: 1, 2, 3, or null for <see cref="TraumaLevel.None"/>.</summary>
    public static int? ToNumber(this TraumaLevel level) => level switch
    {
        TraumaLevel.None => null,
        TraumaLevel.Level1 => 1,
        TraumaLevel.Level2 => 2,
        TraumaLevel.Level3 => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    /// <summary>Reads the wire number: null or 0 is <see cref="TraumaLevel.None"/>, 1–3 a level; anything else fails.</summary>
    public static bool TryFromNumber(int? number, out TraumaLevel level)
    {
        switch (number)
        {
            case null or 0: level = TraumaLevel.None; return true;
            case 1: level = TraumaLevel.Level1; return true;
            case 2: level = TraumaLevel.Level2; return true;
            case 3: level = TraumaLevel.Level3; return true;
            default: level = default; return false;
        }
    }

    /// <summary>Level I or II: the "highest-level trauma centre" that field-triage red criteria call for.</summary>
    public static bool IsMajorTraumaCentre(this TraumaLevel level) => level is TraumaLevel.Level1 or TraumaLevel.Level2;

    /// <summary>"Level I" / "Level II" / "Level III" / "none".</summary>
    public static string ToLabel(this TraumaLevel level) => level switch
    {
        TraumaLevel.None => "none",
        TraumaLevel.Level1 => "Level I",
        TraumaLevel.Level2 => "Level II",
        TraumaLevel.Level3 => "Level III",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };
}
