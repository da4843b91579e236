using Emergency.Domain.Dispatch;
using Emergency.Domain.Geo;
using Emergency.Domain.Hospitals;
using Emergency.Domain.Scoring;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Emergency.Domain.Tests.Dispatch;

/// <summary>The records that cross grain boundaries survive the Orleans serializer and copier.</summary>
public sealed class GrainSerializationTests : IDisposable
{
    private static readonly DateTimeOffset Now = HospitalSpec.Now;

    private readonly ServiceProvider _services = new ServiceCollection().AddSerializer().BuildServiceProvider();

    public void Dispose() => _services.Dispose();

    private T RoundTrip<T>(T value)
    {
        var serializer = _services.GetRequiredService<Serializer>();
        return serializer.Deserialize<T>(serializer.SerializeToArray(value))!;
    }

    private T Copy<T>(T value) => _services.GetRequiredService<DeepCopier>().Copy(value)!;

    [Fact]
    public void Hospital()
    {
        var hospital = new Hospital("H-01", "One (demo)", "sh", 31.23, 121.47,
            new HospitalCapabilities(TraumaLevel.Level2, true, StrokeCapability.Primary, false, true, false),
            new HospitalCapacity(4, 1, 40, 6, 2, true),
            EdStatus.Diversion("CT down", Now.AddHours(1)),
            Now, "ed");
        Assert.Equal(hospital, RoundTrip(hospital));
        Assert.Equal(hospital, Copy(hospital));
    }

    [Fact]
    public void Recommendation()
    {
        var result = new DestinationRanker(new EtaModel())
            .Rank(new PatientNeeds(new GeoPoint(31.2, 121.4), DispatchCondition.Stemi, News2Risk.High, PatientId: "P-1"),
                HospitalSpec.ParseAll("H-01 5", "H-02 11.5 pci resus=1/4", "H-03 none pci"), Now);

        var back = RoundTrip(result);

        Assert.Equal(result.PatientId, back.PatientId);
        Assert.Equal(result.ComputedAt, back.ComputedAt);
        Assert.Equal(result.Warning, back.Warning);
        Assert.Equal(result.Hospitals.Count, back.Hospitals.Count);
        for (int i = 0; i < result.Hospitals.Count; i++)
        {
            Assert.Equal(result.Hospitals[i] with { Reasons = [] }, back.Hospitals[i] with { Reasons = [] });
            Assert.Equal(result.Hospitals[i].Reasons, back.Hospitals[i].Reasons);
        }
    }

    [Fact]
    public void PatientNeeds_WithACollectionExpressionList()
    {
        var needs = new PatientNeeds(new GeoPoint(31.2, 121.4), DispatchCondition.Trauma, News2Risk.Medium,
            LvoSuspected: false, TraumaRedCriteria: [TraumaRedCriterion.PelvicFracture, TraumaRedCriterion.LowSpo2],
            AgeYears: 7, Pregnant: false, PatientId: "P-2");

        var back = RoundTrip(needs);

        Assert.Equal(needs with { TraumaRedCriteria = null }, back with { TraumaRedCriteria = null });
        Assert.Equal(needs.TraumaRedCriteria, back.TraumaRedCriteria);
    }

    [Fact]
    public void EdSeen()
    {
        var seen = new Emergency.Domain.Patients.EdSeen("dr.chen", Now, "H-03");
        Assert.Equal(seen, RoundTrip(seen));
        Assert.Equal(seen, Copy(seen));
    }

    [Fact]
    public void AmbulanceStation_AndGeoPoint()
    {
        var station = new AmbulanceStation("ST-01", "Station (demo)", 31.24, 121.485);
        Assert.Equal(station, RoundTrip(station));
        Assert.Equal(new GeoPoint(-33.9, 151.2), RoundTrip(new GeoPoint(-33.9, 151.2)));
    }
}
