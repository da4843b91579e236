using Emergency.Domain.Alerts;
using Emergency.Grains.Hospitals;
using Emergency.Grains.Patients;

namespace Emergency.Grains.Live;

/// <summary>
/// Where grains hand state changes for live push to browsers. Implementations must return at once and never
/// block a grain turn: they keep the newest state and send from their own loop.
/// </summary>
public interface ILivePushSink
{
    void PatientChanged(PatientSnapshot snapshot);

    /// <summary>
    /// A change someone acted on (the ED has seen the patient): <c>patientUpdated</c> at once, not coalesced, to the
    /// patient's region, its watchers and its destination hospital's watchers.
    /// </summary>
    void PatientChangedAtOnce(PatientSnapshot snapshot);

    /// <summary>An alert was raised, escalated, acknowledged, updated or cleared: push at once, never coalesced.</summary>
    void AlertChanged(AlertEvent alertEvent, string region);

    /// <summary>A hospital's capacity or status changed: push at once to its region and its watchers.</summary>
    void HospitalChanged(HospitalState state);

    /// <summary>A patient is now heading to <see cref="PatientSnapshot.Destination"/>: push at once to that hospital's watchers.</summary>
    void PatientInbound(PatientSnapshot snapshot);

    /// <summary>An ambulance moved, changed status or destination: pushed to its region's watchers.</summary>
    void AmbulanceChanged(Devices.AmbulanceSnapshot snapshot);
}

/// <summary>Used when nothing pushes (tests, tools).</summary>
public sealed class NullLivePushSink : ILivePushSink
{
    public void PatientChanged(PatientSnapshot snapshot) { }
    public void PatientChangedAtOnce(PatientSnapshot snapshot) { }
    public void AlertChanged(AlertEvent alertEvent, string region) { }
    public void HospitalChanged(HospitalState state) { }
    public void PatientInbound(PatientSnapshot snapshot) { }
    public void AmbulanceChanged(Devices.AmbulanceSnapshot snapshot) { }
}
