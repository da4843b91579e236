using Emergency.Domain.Ambulances;
using Emergency.Domain.Patients;
using Emergency.Grains.Hospitals;

namespace Emergency.Grains.Devices;

/// <summary>An ambulance, keyed by unit id: its monitor's vitals, GPS position, crew status and patient on board.</summary>
[Alias("Emergency.IAmbulanceGrain")]
public interface IAmbulanceGrain : IDeviceVitalsGrain
{
    /// <summary>Applies a GPS fix; an older fix than the current one is recorded as late and does not move the unit.</summary>
    [Alias("ApplyPosition")]
    Task<FrameVerdict> ApplyPosition(string region, PositionFrame frame);

    /// <summary>Applies a crew status change; a status frame naming a patient binds the unit to that patient.</summary>
    [Alias("ApplyStatus")]
    Task<FrameVerdict> ApplyStatus(string region, StatusFrame frame);

    /// <summary>
    /// Applies a crew context frame to its patient (the frame's <c>patientId</c>, else the patient on board): the
    /// patient is re-scored at once. Refused when neither names a patient; a frame older than the last context
    /// applied from this unit for that patient is recorded as late and changes nothing. The verdict names the patient.
    /// </summary>
    [Alias("ApplyContext")]
    Task<FrameVerdict> ApplyContext(string region, ContextFrame frame);

    /// <summary>The unit's current state, or null if it has never reported.</summary>
    [Alias("GetState")]
    Task<AmbulanceSnapshot?> GetState();

    /// <summary>
    /// Sends the unit with <paramref name="patientId"/> to a hospital: records the decision, adds the patient to the
    /// hospital's inbound list (leaving the previous destination's) and tells the patient. Null if the unit never
    /// reported or the hospital is unknown.
    /// </summary>
    [Alias("SetDestination")]
    Task<AmbulanceSnapshot?> SetDestination(string hospitalId, string patientId, string decidedBy, string? reason);
}
