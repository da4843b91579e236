using Emergency.Domain.Devices;
using Emergency.Grains.Devices;
using Emergency.Grains.Hospitals;
using Emergency.Grains.Patients;
using Emergency.Handover.Fhir;

namespace Emergency.Handover.Delivery;

/// <summary>Gathers what the record is built from (patient, alerts, ambulance times, hospital, identity, transfer of care).</summary>
public sealed class HandoverRecordSource(IGrainFactory grains)
{
    /// <summary>The input for version <paramref name="version"/>, or null when nothing was ever received for the patient.</summary>
    public async Task<HandoverInput?> Gather(string patientId, int version, DateTimeOffset now)
    {
        var patientGrain = grains.GetGrain<IPatientGrain>(patientId);
        if (await patientGrain.GetState() is not { } patient)
        {
            return null;
        }
        var alerts = await patientGrain.GetAlerts();
        var unitId = patient.Destination?.UnitId ?? (patient.Source.Kind == DeviceKind.Ambulance ? patient.Source.Id : null);
        var ambulance = unitId is null ? null : await grains.GetGrain<IAmbulanceGrain>(unitId).GetState();
        var hospital = patient.Destination is { } d ? await grains.GetGrain<IHospitalGrain>(d.HospitalId).GetState() : null;
        var handover = grains.GetGrain<IHandoverGrain>(patientId);
        var identity = await handover.GetIdentity();
        var transfer = await handover.GetTransferOfCare();
        return new HandoverInput(patient, alerts, unitId, ambulance?.Times, hospital?.Hospital.Name, identity, transfer?.At, version, now);
    }
}
