using System.Collections.Concurrent;
using Emergency.Domain.Alerts;
using Emergency.Grains.Live;
using Emergency.Grains.Patients;

namespace Emergency.Grains.Tests;

/// <summary>Keeps every snapshot and alert event a grain hands over for push, by patient.</summary>
public sealed class RecordingPushSink : ILivePushSink
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<PatientSnapshot>> _byPatient = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<AlertEvent>> _alerts = new();

    public void PatientChanged(PatientSnapshot snapshot) =>
        _byPatient.GetOrAdd(snapshot.PatientId, _ => new ConcurrentQueue<PatientSnapshot>()).Enqueue(snapshot);

    public void AlertChanged(AlertEvent alertEvent, string region) =>
        _alerts.GetOrAdd(alertEvent.Alert.PatientId, _ => new ConcurrentQueue<AlertEvent>()).Enqueue(alertEvent);

    public IReadOnlyList<PatientSnapshot> For(string patientId) =>
        _byPatient.TryGetValue(patientId, out var q) ? q.ToArray() : [];

    public IReadOnlyList<AlertEvent> AlertsFor(string patientId) =>
        _alerts.TryGetValue(patientId, out var q) ? q.ToArray() : [];
}
