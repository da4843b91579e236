using System.Collections.Immutable;
using Emergency.Domain.Alerts;
using Emergency.Domain.Devices;
using Emergency.Domain.Geo;
using Emergency.Domain.Patients;
using Emergency.Domain.Scoring;
using Emergency.Domain.Vitals;
using Emergency.Grains.Devices;
using Emergency.Grains.Hospitals;
using Emergency.Grains.Patients;
using Emergency.Handover.Fhir;
using Emergency.Handover.Identity;

namespace Emergency.Handover.Tests;

/// <summary>A septic patient on oxygen on the way to H-03, with one open and one past alert.</summary>
public static class ExamplePatients
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 7, 40, 0, TimeSpan.Zero);

    public static HandoverInput Septic(int version = 1, IdentityLink? identity = null, DateTimeOffset? transferOfCare = null)
    {
        var measured = Now.AddSeconds(-20);
        var vitals = new VitalSigns(Hr: 118, Rr: 26, Spo2: 91, Sbp: 92, Dbp: 55, Temp: 38.9, Acvpu: Acvpu.NewConfusion, O2: true, Spo2Scale: Spo2Scale.Scale1);
        var news2 = new News2Result(Total: 15, Risk: News2Risk.High, Complete: true, Rr: 3, Spo2: 2, O2: 2, Sbp: 2, Hr: 2, Acvpu: 3, Temp: 1);
        var open = new Alert
        {
            AlertId = "A-P-1-2", PatientId = "P-1", Kind = AlertKind.News2High, Priority = AlertPriority.High, State = AlertState.Raised,
            RaisedAt = Now.AddMinutes(-3), Reason = "NEWS2 15 (RR 3, ACVPU 3, …)", Sequence = 2, Version = 1,
        };
        var past = new Alert
        {
            AlertId = "A-P-1-1", PatientId = "P-1", Kind = AlertKind.Trend, Priority = AlertPriority.Medium, State = AlertState.Cleared,
            RaisedAt = Now.AddMinutes(-12), ClearedAt = Now.AddMinutes(-4), ClearReason = "resolved", AcknowledgedBy = "dr.chen",
            AcknowledgedAt = Now.AddMinutes(-10), Reason = "NEWS2 rising", Sequence = 1, Version = 4,
        };
        var destination = new Destination("H-03", new GeoPoint(31.188, 121.437), "AMB-12", "P-1", "dispatcher.wang", Now.AddMinutes(-2),
            "nearest with a free resus bay", RecommendedRank: 1, EtaMinutes: 11.5, EtaAt: Now.AddMinutes(11.5), ResusHoldBasis: "NEWS2 high");
        var snapshot = new PatientSnapshot("P-1", "sh", new DeviceRef(DeviceKind.Ambulance, "AMB-12"), measured, vitals, measured, news2,
            Version: 42, WindowSamples: 30,
            Qsofa: new QsofaResult(3, true, true, CriterionState.Met, CriterionState.Met, CriterionState.Met),
            ShockIndex: new ShockIndexResult(118.0 / 92, ShockIndexBand.High, 118, 92),
            Context: new PatientContext { AgeYears = 67, Sex = "female", Condition = ConditionCategory.Sepsis },
            Alert: open, OpenAlerts: [open], Destination: destination);
        var times = new TripTimes(Dispatched: Now.AddMinutes(-30), OnScene: Now.AddMinutes(-20), Transporting: Now.AddMinutes(-5));
        return new HandoverInput(snapshot, new PatientAlerts([open], [past, open]), "AMB-12", times, "Xuhui South Medical Centre (demo)",
            identity, transferOfCare, version, Now);
    }

    public static IdentityLink Reconciled() =>
        new("H-03", "MRN-0042", IdentityLink.DefaultMrnSystem("H-03"), "Li", "Wei", "1958-04-01", "registrar.zhou", Now);
}
