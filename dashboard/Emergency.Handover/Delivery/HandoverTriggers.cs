using System.Collections.Concurrent;
using Emergency.Domain.Alerts;
using Emergency.Grains.Devices;
using Emergency.Grains.Hospitals;
using Emergency.Grains.Live;
using Emergency.Grains.Patients;

namespace Emergency.Handover.Delivery;

/// <summary>
/// Watches the patient states grains hand to the live push (passing everything on unchanged) and asks for a new
/// version of the handover record on a significant change of a patient who has a destination: the destination
/// chosen or changed and arrival (at once); the NEWS2 risk band changing or a new alert (debounced). Cheap and
/// non-blocking, as a push sink must be.
/// </summary>
public sealed class HandoverTriggers(ILivePushSink inner, HandoverDispatcher dispatcher) : ILivePushSink
{
    private readonly ConcurrentDictionary<string, Significant> _last = new(StringComparer.Ordinal);

    public void PatientChanged(PatientSnapshot snapshot)
    {
        inner.PatientChanged(snapshot);
        Observe(snapshot);
    }

    public void PatientChangedAtOnce(PatientSnapshot snapshot)
    {
        inner.PatientChangedAtOnce(snapshot);
        Observe(snapshot);
    }

    public void PatientInbound(PatientSnapshot snapshot)
    {
        inner.PatientInbound(snapshot);
        Observe(snapshot);
    }

    public void AlertChanged(AlertEvent alertEvent, string region) => inner.AlertChanged(alertEvent, region);

    public void HospitalChanged(HospitalState state) => inner.HospitalChanged(state);

    public void AmbulanceChanged(AmbulanceSnapshot snapshot) => inner.AmbulanceChanged(snapshot);

    private void Observe(PatientSnapshot snapshot)
    {
        if (snapshot.Destination is not { } destination)
        {
            return;
        }
        var open = snapshot.OpenAlerts.IsDefault ? [] : snapshot.OpenAlerts.Select(a => a.AlertId).ToHashSet();
        var now = new Significant(destination.HospitalId, destination.ArrivedAt is not null, snapshot.News2.Risk, open);
        var before = _last.GetValueOrDefault(snapshot.PatientId);
        _last[snapshot.PatientId] = now;
        if (TriggerOf(before, now) is { } trigger)
        {
            dispatcher.Request(snapshot.PatientId, trigger);
        }
    }

    private static HandoverTrigger? TriggerOf(Significant? before, Significant now)
    {
        if (before is null || before.HospitalId != now.HospitalId) return HandoverTrigger.Destination;
        if (now.Arrived && !before.Arrived) return HandoverTrigger.Arrival;
        if (now.Risk != before.Risk) return HandoverTrigger.RiskBand;
        if (now.OpenAlerts.Any(a => !before.OpenAlerts.Contains(a))) return HandoverTrigger.NewAlert;
        return null;
    }

    private sealed record Significant(string HospitalId, bool Arrived, Domain.Scoring.News2Risk Risk, IReadOnlySet<string> OpenAlerts);
}
