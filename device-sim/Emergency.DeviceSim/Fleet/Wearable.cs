using Emergency.DeviceSim.Physiology;
using Emergency.DeviceSim.Wire;
using Emergency.Domain.Devices;
using Emergency.Domain.Vitals;

namespace Emergency.DeviceSim.Fleet;

/// <summary>
/// A home patient's wearable: sends a subset of vitals (HR, SpO2, temperature; RR every few frames).
/// It always includes the patient id. Patients are mostly stable or COPD on home oxygen; a few develop sepsis.
/// </summary>
internal sealed class Wearable : SimDevice
{
    /// <summary>Respiratory rate is reported on every n-th frame only.</summary>
    public const int RrEvery = 5;

    private long _frames;

    public Wearable(string id, string region, int seed, PatientIdSource patientIds, TimeSpan tickInterval)
        : base(id, DeviceKind.Wearable, region, tickInterval)
    {
        var random = new Random(seed);
        var roll = random.NextDouble();
        var scenario = roll < 0.80 ? Scenario.Stable : roll < 0.95 ? Scenario.CopdOnOxygen : Scenario.Sepsis;
        PatientId = patientIds.Next(random);
        Patient = new PatientModel(scenario, random.Next());
    }

    public string PatientId { get; }

    public PatientModel Patient { get; }

    public override void Tick(DateTimeOffset now, TimeSpan elapsed, TimeSpan simulated, ICollection<OutboundFrame> output)
    {
        Patient.Advance(simulated);
        var measured = Patient.Measure();
        var copd = Patient.Scenario == Scenario.CopdOnOxygen;
        var subset = new VitalSigns(
            Hr: measured.Hr,
            Rr: _frames % RrEvery == 0 ? measured.Rr : null,
            Spo2: measured.Spo2,
            Sbp: null,
            Dbp: null,
            Temp: measured.Temp,
            Acvpu: null,
            // The home oxygen set-up is configured on the device, so it reports the patient's SpO2 target scale.
            O2: copd ? true : null,
            Spo2Scale: copd ? Spo2Scale.Scale2 : null);
        _frames++;
        output.Add(Encoder.Vitals(Topics.Vitals, NextSeq(), now, PatientId, subset));
    }
}
