using Emergency.Domain.Vitals;

namespace Emergency.Domain.Scoring;

/// <summary>
/// Everything <see cref="ArtefactFilter"/> remembers about one patient, apart from its options: persist this to carry
/// confirmation across a grain's reactivation.
/// </summary>
[GenerateSerializer, Alias("Emergency.ArtefactFilterState")]
public sealed class ArtefactFilterState
{
    [Id(0)] public ParameterConfirmation Hr { get; private set; } = new(VitalParameter.Hr);
    [Id(1)] public ParameterConfirmation Rr { get; private set; } = new(VitalParameter.Rr);
    [Id(2)] public ParameterConfirmation Spo2 { get; private set; } = new(VitalParameter.Spo2);
    [Id(3)] public ParameterConfirmation Sbp { get; private set; } = new(VitalParameter.Sbp);
    [Id(4)] public ParameterConfirmation Temp { get; private set; } = new(VitalParameter.Temp);

    // Not filtered: entered by the crew (ACVPU), settings (air/oxygen, SpO2 scale), or not scored (diastolic).
    [Id(5)] internal double? Dbp;
    [Id(6)] internal DateTimeOffset? DbpAt;
    [Id(7)] internal Acvpu? Acvpu;
    [Id(8)] internal DateTimeOffset? AcvpuAt;
    [Id(9)] internal bool? O2;
    [Id(10)] internal DateTimeOffset? O2At;
    [Id(11)] internal Spo2Scale? Spo2Scale;
    [Id(12)] internal DateTimeOffset? Spo2ScaleAt;

    /// <summary>The confirmation of <paramref name="parameter"/>, for the five filtered parameters.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a filtered parameter.</exception>
    public ParameterConfirmation this[VitalParameter parameter] => parameter switch
    {
        VitalParameter.Hr => Hr,
        VitalParameter.Rr => Rr,
        VitalParameter.Spo2 => Spo2,
        VitalParameter.Sbp => Sbp,
        VitalParameter.Temp => Temp,
        _ => throw new ArgumentOutOfRangeException(nameof(parameter), parameter, "Not a filtered parameter."),
    };
}
