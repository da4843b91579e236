using Emergency.Dashboard.Api;

namespace Emergency.Dashboard.Live;

/// <summary>
/// One ECG block as a strip viewer receives it (<c>WatchEcg</c> stream): samples in µV per lead, lead after lead in
/// <see cref="Leads"/> order, and the newest analysis. <see cref="DroppedBefore"/>: blocks this viewer missed
/// because it read too slowly (its own oldest dropped); draw a gap.
/// </summary>
public sealed record EcgLiveBlock(
    string PatientId,
    string DeviceId,
    uint Seq,
    long Start,
    int SampleRateHz,
    IReadOnlyList<string> Leads,
    IReadOnlyList<int[]> SamplesMicrovolts,
    EcgFindingsDto? Findings,
    long DroppedBefore);
