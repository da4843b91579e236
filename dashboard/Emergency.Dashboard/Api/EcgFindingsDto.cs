using Emergency.Domain.Ecg.Analysis;
using Emergency.Domain.Ecg.Wire;

namespace Emergency.Dashboard.Api;

/// <summary>The newest ECG analysis as clients see it (docs/contract.md, "ECG over HTTP").</summary>
public sealed record EcgFindingsDto(
    long At,
    double? HeartRate,
    double? MonitorHeartRate,
    bool HeartRateDisagrees,
    IReadOnlyList<string> LeadsOff,
    IReadOnlyDictionary<string, double> StMillivolts,
    bool PossibleStemi,
    IReadOnlyList<string> StemiLeads,
    IReadOnlyList<string> StemiTerritories)
{
    public static EcgFindingsDto From(EcgFindings f) => new(
        f.AtUnixMs,
        f.HeartRateBpm is { } hr ? Math.Round(hr, 1) : null,
        f.MonitorHeartRateBpm,
        f.HeartRateDisagrees,
        [.. f.LeadsOff.Select(EcgLeads.Name)],
        EcgLeads.Standard12.Where(f.StMv.ContainsKey).ToDictionary(EcgLeads.Name, l => Math.Round(f.StMv[l], 3)),
        f.Stemi.PossibleStemi,
        [.. f.Stemi.Leads.Select(EcgLeads.Name)],
        f.Stemi.Territories);
}
