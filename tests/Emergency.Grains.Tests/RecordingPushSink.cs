using System.Collections.Concurrent;
using Emergency.Grains.Live;
using Emergency.Grains.Patients;

namespace Emergency.Grains.Tests;

/// <summary>Keeps every snapshot a grain hands over for push, by patient.</summary>
public sealed class RecordingPushSink : ILivePushSink
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<PatientSnapshot>> _byPatient = new();

    public void PatientChanged(PatientSnapshot snapshot) =>
        _byPatient.GetOrAdd(snapshot.PatientId, _ => new ConcurrentQueue<PatientSnapshot>()).Enqueue(snapshot);

    public IReadOnlyList<PatientSnapshot> For(string patientId) =>
        _byPatient.TryGetValue(patientId, out var q) ? q.ToArray() : [];
}
