using Emergency.Domain.Alerts;
using Emergency.Domain.Devices;
using Emergency.Domain.Dispatch;
using Emergency.Domain.Patients;
using Emergency.Domain.Risk;
using Emergency.Domain.Scoring;
using Emergency.Grains.Devices;
using Emergency.Grains.Hospitals;
using Emergency.Grains.Persistence;

namespace Emergency.Grains.Patients;

/// <summary>
/// What a patient grain stores. Versioned by the Orleans serializer's member ids: add members with new ids, never
/// reuse or renumber one; a state written by an older version reads with the new members at their defaults.
/// </summary>
[GenerateSerializer, Alias("Emergency.PatientState")]
public sealed class PatientState
{
    [Id(0)] public string? Region { get; set; }
    [Id(1)] public DeviceRef Source { get; set; }
    [Id(2)] public long Version { get; set; }
    /// <summary>Each parameter's latest value with its time.</summary>
    [Id(3)] public List<TimedVitals> Latest { get; set; } = [];
    /// <summary>The recent part of the rolling window the trend rules look at.</summary>
    [Id(4)] public List<TimedVitals> Window { get; set; } = [];
    [Id(5)] public News2Series? News2 { get; set; }
    [Id(6)] public AlertMachineState? Alerts { get; set; }
    [Id(7)] public ArtefactFilterState? Filter { get; set; }
    [Id(8)] public ReadingFlags Flags { get; set; }
    [Id(9)] public PatientContext? Context { get; set; }
    [Id(10)] public DestinationRecommendation? Recommendation { get; set; }
    [Id(11)] public Destination? Destination { get; set; }
    [Id(12)] public EdSeen? EdSeen { get; set; }
    /// <summary>Per source device, the seqs applied: a journal replay skips frames already in this state.</summary>
    [Id(13)] public AppliedSeqs Applied { get; set; } = new();
    /// <summary>The newest deterioration-risk estimate (shown until the next one).</summary>
    [Id(14)] public RiskAssessment? Risk { get; set; }
}
