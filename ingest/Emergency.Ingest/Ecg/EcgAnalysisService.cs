using System.Collections.Concurrent;
using Emergency.Domain.Alerts;
using Emergency.Domain.Ecg;
using Emergency.Domain.Ecg.Analysis;
using Emergency.Domain.Ecg.Wire;
using Emergency.Grains.Patients;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Emergency.Ingest.Ecg;

/// <summary>
/// Analyses each live ECG every <see cref="Interval"/>: the newest <see cref="Window"/> of contiguous blocks from
/// the ring (<see cref="EcgAnalyzer"/>), the monitor's HR and the patient's sex and age from the patient grain.
/// The findings go to <see cref="EcgLatestFindings"/>; a possible STEMI goes to the patient's alert state machine
/// (<see cref="AlertKind.PossibleStemi"/>, high priority), and so does its absence, so the alert clears when the ST
/// settles. Runs beside ingest, never on its path.
/// </summary>
public sealed class EcgAnalysisService(
    EcgRings rings,
    EcgLatestFindings latest,
    IGrainFactory grains,
    TimeProvider time,
    ILogger<EcgAnalysisService> logger) : BackgroundService, IEcgBlockListener
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, byte> _fresh = new(StringComparer.Ordinal);

    public void OnBlock(string region, string patientId, string deviceId, EcgBlock block) => _fresh[patientId] = 0;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var patientId in _fresh.Keys)
            {
                _fresh.TryRemove(patientId, out _);
                try
                {
                    await Analyse(patientId);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "ECG analysis of {PatientId} failed; retried with its next blocks", patientId);
                }
            }
        }
    }

    private async Task Analyse(string patientId)
    {
        var blocks = Contiguous(rings.Latest(patientId, Window));
        if (blocks.Count == 0 || blocks.Sum(b => b.SamplesPerLead) < blocks[0].SampleRateHz * 3)
        {
            return; // under 3 s: too short to say anything
        }
        var patient = grains.GetGrain<IPatientGrain>(patientId);
        var state = await patient.GetState();
        var findings = EcgAnalyzer.Analyse(EcgAnalyzer.Concatenate(blocks), blocks[0].SampleRateHz, blocks[^1].EndUnixMs,
            state?.Vitals.Hr, state?.Context?.Sex, state?.Context?.AgeYears);
        latest.Set(patientId, findings);
        AlertCondition? condition = findings.Stemi.PossibleStemi
            ? new AlertCondition(AlertKind.PossibleStemi, AlertPriority.High, Describe(findings), findings.Stemi.Leads.Count)
            : null;
        await patient.ReportEcg(new EcgAlertReport(time.GetUtcNow(), condition));
    }

    private static string Describe(EcgFindings findings) =>
        $"possible STEMI — confirm on the 12-lead: ST elevation in {string.Join(", ", findings.Stemi.Leads.Select(EcgLeads.Name))} "
        + $"({string.Join(", ", findings.Stemi.Territories)}; "
        + string.Join(", ", findings.Stemi.Leads.Select(l => $"{EcgLeads.Name(l)} {findings.StMv[l] * 10:+0.0;-0.0} mm")) + ")";

    /// <summary>The newest run of blocks from one device without a gap in seq (a gap would distort the RR intervals).</summary>
    private static List<EcgBlock> Contiguous(IReadOnlyList<EcgStoredBlock> blocks)
    {
        if (blocks.Count == 0) return [];
        var device = blocks[^1].DeviceId;
        var own = blocks.Where(b => b.DeviceId == device).Select(b => b.Block).OrderBy(b => b.Seq).ToList();
        var run = new List<EcgBlock> { own[^1] };
        for (var i = own.Count - 2; i >= 0; i--)
        {
            if (own[i].Seq + 1 != run[0].Seq || own[i].SampleRateHz != run[0].SampleRateHz
                || !own[i].Leads.SequenceEqual(run[0].Leads)) break;
            run.Insert(0, own[i]);
        }
        return run;
    }
}
