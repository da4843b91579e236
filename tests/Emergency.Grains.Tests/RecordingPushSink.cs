using System.Collections.Concurrent;
using Emergency.Domain.Alerts;
using Emergency.Grains.Hospitals;
using Emergency.Grains.Live;
using Emergency.Grains.Patients;

namespace Emergency.Grains.Tests;

/// <summary>Keeps every snapshot and alert event a grain hands over for push, by patient.</summary>
public sealed class RecordingPushSink : ILivePushSink
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<PatientSnapshot>> _byPatient = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<AlertEvent>> _alerts = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<HospitalState>> _hospitals = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<PatientSnapshot>> _inbound = new();

    public void HospitalChanged(HospitalState state) =>
        _hospitals.GetOrAdd(state.Hospital.HospitalId, _ => new ConcurrentQueue<HospitalState>()).Enqueue(state);

    public void PatientInbound(PatientSnapshot snapshot) =>
        _inbound.GetOrAdd(snapshot.Destination!.HospitalId, _ => new ConcurrentQueue<PatientSnapshot>()).Enqueue(snapshot);

    public IReadOnlyList<HospitalState> HospitalUpdates(string hospitalId) =>
        _hospitals.TryGetValue(hospitalId, out var q) ? q.ToArray() : [];

    public IReadOnlyList<PatientSnapshot> InboundTo(string hospitalId) =>
        _inbound.TryGetValue(hospitalId, out var q) ? q.ToArray() : [];

    public void PatientChanged(PatientSnapshot snapshot) =>
        _byPatient.GetOrAdd(snapshot.PatientId, _ => new ConcurrentQueue<PatientSnapshot>()).Enqueue(snapshot);

    private readonly ConcurrentDictionary<string, ConcurrentQueue<PatientSnapshot>> _atOnce = new();

    public void PatientChangedAtOnce(PatientSnapshot snapshot) =>
        _atOnce.GetOrAdd(snapshot.PatientId, _ => new ConcurrentQueue<PatientSnapshot>()).Enqueue(snapshot);

    /// <summary>The states handed over to be pushed at once, not coalesced.</summary>
    public IReadOnlyList<PatientSnapshot> AtOnceFor(string patientId) =>
        _atOnce.TryGetValue(patientId, out var q) ? q.ToArray() : [];

    public void AlertChanged(AlertEvent alertEvent, string region) =>
        _alerts.GetOrAdd(alertEvent.Alert.PatientId, _ => new ConcurrentQueue<AlertEvent>()).Enqueue(alertEvent);

    private readonly ConcurrentQueue<Devices.AmbulanceSnapshot> _ambulances = new();

    public void AmbulanceChanged(Devices.AmbulanceSnapshot snapshot) => _ambulances.Enqueue(snapshot);

    public IReadOnlyList<Devices.AmbulanceSnapshot> AmbulancesFor(string unitId) =>
        _ambulances.Where(a => a.UnitId == unitId).ToArray();

    public IReadOnlyList<PatientSnapshot> For(string patientId) =>
        _byPatient.TryGetValue(patientId, out var q) ? q.ToArray() : [];

    public IReadOnlyList<AlertEvent> AlertsFor(string patientId) =>
        _alerts.TryGetValue(patientId, out var q) ? q.ToArray() : [];
}
