using Emergency.Domain.Ecg.Wire;

namespace Emergency.Domain.Ecg.Analysis;

/// <summary>
/// What the analysis of the last seconds of a patient's ECG found. <see cref="HeartRateDisagrees"/>: the QRS rate
/// and the monitor's HR differ by more than the tolerance: an artefact or a lead off, for someone to check.
/// </summary>
public sealed record EcgFindings(
    long AtUnixMs,
    double? HeartRateBpm,
    int Beats,
    double? MonitorHeartRateBpm,
    bool HeartRateDisagrees,
    IReadOnlyList<EcgLead> LeadsOff,
    IReadOnlyDictionary<EcgLead, double> StMv,
    StemiAssessment Stemi);
