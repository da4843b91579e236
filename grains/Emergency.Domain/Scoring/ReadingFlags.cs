using Emergency.Domain.Vitals;

namespace Emergency.Domain.Scoring;

/// <summary>The <see cref="ReadingStatus"/> of each filtered parameter.</summary>
[GenerateSerializer, Immutable, Alias("Emergency.ReadingFlags")]
public readonly record struct ReadingFlags(
    [property: Id(0)] ReadingStatus Hr,
    [property: Id(1)] ReadingStatus Rr,
    [property: Id(2)] ReadingStatus Spo2,
    [property: Id(3)] ReadingStatus Sbp,
    [property: Id(4)] ReadingStatus Temp)
{
    /// <summary>Every parameter absent.</summary>
    public static readonly ReadingFlags None = default;

    /// <summary>Some reading is not what is scored: it is pending or an artefact.</summary>
    public bool AnyUnconfirmed => IsUnconfirmed(Hr) || IsUnconfirmed(Rr) || IsUnconfirmed(Spo2)
        || IsUnconfirmed(Sbp) || IsUnconfirmed(Temp);

    /// <summary>The status of <paramref name="parameter"/>; <see cref="ReadingStatus.Absent"/> for parameters that are not filtered.</summary>
    public ReadingStatus this[VitalParameter parameter] => parameter switch
    {
        VitalParameter.Hr => Hr,
        VitalParameter.Rr => Rr,
        VitalParameter.Spo2 => Spo2,
        VitalParameter.Sbp => Sbp,
        VitalParameter.Temp => Temp,
        _ => ReadingStatus.Absent,
    };

    private static bool IsUnconfirmed(ReadingStatus status) =>
        status is ReadingStatus.Pending or ReadingStatus.Artefact;
}
