using System.Text.Json;
using System.Text.Json.Nodes;
using Emergency.Domain.Dispatch;
using Emergency.Domain.Geo;
using Emergency.Domain.Hospitals;
using Emergency.Domain.Scoring;

namespace Emergency.Domain.Tests.Dispatch;

/// <summary>Output shape, determinism, ETA from the estimator, argument checks, options.</summary>
public class DestinationRankerTests
{
    private static readonly DateTimeOffset Now = HospitalSpec.Now;
    private static readonly GeoPoint Scene = new(31.2, 121.45);

    private static PatientNeeds Needs(DispatchCondition condition, News2Risk? risk = null) => new(Scene, condition, risk, PatientId: "P-7F3A2");

    [Fact]
    public void Output_RanksEtaRoundingAndEcho()
    {
        var result = new DestinationRanker(new EtaModel()).Rank(
            Needs(DispatchCondition.Stemi), HospitalSpec.ParseAll("H-01 11.46 pci", "H-02 11.44", "H-03 30.05 pci"), Now);

        Assert.Equal("P-7F3A2", result.PatientId);
        Assert.Equal(Now, result.ComputedAt);
        Assert.Null(result.Warning);
        Assert.Collection(result.Hospitals,
            h => { Assert.Equal(("H-01", 1, 11.5), (h.HospitalId, h.Rank, h.EtaMinutes!.Value)); },
            h => { Assert.Equal(("H-03", 2, 30.1), (h.HospitalId, h.Rank, h.EtaMinutes!.Value)); },
            h => { Assert.Equal(("H-02", 3, 11.4), (h.HospitalId, h.Rank, h.EtaMinutes!.Value)); });
    }

    [Fact]
    public void NoRoute_HasNullEta()
    {
        var result = new DestinationRanker(new EtaModel()).Rank(Needs(DispatchCondition.Other), HospitalSpec.ParseAll("H-01 none"), Now);
        Assert.Null(result.Hospitals[0].EtaMinutes);
    }

    [Fact]
    public void AdHocRequest_HasNoPatientId()
    {
        var needs = new PatientNeeds(Scene, DispatchCondition.Stemi, News2Risk.High);
        Assert.Null(new DestinationRanker(new EtaModel()).Rank(needs, HospitalSpec.ParseAll("H-01 5"), Now).PatientId);
    }

    [Fact]
    public void Deterministic_WhateverTheInputOrder()
    {
        string[] specs =
        [
            "H-01 10", "H-02 10.2 resus=3/4", "H-03 10.2 resus=3/4", "H-04 9.9 pci div", "H-05 30 pci",
            "H-06 none pci", "H-07 12 pci age=90", "H-08 12.3 pci", "H-09 70 pci", "H-10 12 pci resus=0/4",
        ];
        var ranker = new DestinationRanker(new EtaModel());
        var needs = Needs(DispatchCondition.Stemi, News2Risk.High);
        var baseline = ranker.Rank(needs, HospitalSpec.ParseAll(specs), Now);

        var random = new Random(12345);
        for (int i = 0; i < 50; i++)
        {
            var shuffled = specs.OrderBy(_ => random.Next()).ToArray();
            var again = ranker.Rank(needs, HospitalSpec.ParseAll(shuffled), Now);
            Assert.Equal(baseline.Hospitals.Select(h => h.HospitalId), again.Hospitals.Select(h => h.HospitalId));
            Assert.Equal(baseline.Hospitals.Select(h => string.Join("|", h.Reasons)), again.Hospitals.Select(h => string.Join("|", h.Reasons)));
            Assert.Equal(baseline.Warning, again.Warning);
        }

        // In reach, capable, can take now: H-08, H-05. In reach, capable, cannot (NEWS2 high needs a resus bay): H-04 diverted,
        // then H-10 (none free) and H-07 (stale) tied at 12 min, known-empty before unknown. In reach, not PCI: H-01..H-03
        // tied, by free resus bays. Out of reach: H-09, then H-06 with no route.
        Assert.Equal("H-08 H-05 H-04 H-10 H-07 H-02 H-03 H-01 H-09 H-06".Split(' '), baseline.Hospitals.Select(h => h.HospitalId));
    }

    [Fact]
    public void Rank_WithHospitals_UsesTheEstimatorFromThePatientsPosition()
    {
        // Two hospitals due north of the scene, 5 km and 10 km; at 12:00 UTC the default model drives 35 km/h × 1.3 detour.
        double degPerKm = 180 / (Math.PI * GreatCircle.EarthMeanRadiusKm);
        var near = Sample("H-NEAR", Scene.Lat + 5 * degPerKm, Scene.Lon);
        var far = Sample("H-FAR", Scene.Lat + 10 * degPerKm, Scene.Lon);
        var noon = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

        var result = new DestinationRanker(new EtaModel()).Rank(Needs(DispatchCondition.Other), [far, near], noon);

        Assert.Equal(["H-NEAR", "H-FAR"], result.Hospitals.Select(h => h.HospitalId));
        Assert.Equal(Math.Round(5 * 1.3 / 35 * 60, 1), result.Hospitals[0].EtaMinutes);
        Assert.Equal(Math.Round(10 * 1.3 / 35 * 60, 1), result.Hospitals[1].EtaMinutes);
    }

    [Fact]
    public void Rank_WithHospitals_PassesTheDepartureTime()
    {
        var estimator = new RecordingEstimator();
        new DestinationRanker(estimator).Rank(Needs(DispatchCondition.Other), [Sample("H-01", 31.3, 121.5)], Now);
        Assert.Equal([(Scene, new GeoPoint(31.3, 121.5), Now)], estimator.Calls);
    }

    [Fact]
    public void Rank_WithHospitals_RoutingEngineWithoutRoute()
    {
        var result = new DestinationRanker(new RecordingEstimator { Answer = null })
            .Rank(Needs(DispatchCondition.Other), [Sample("H-01", 31.3, 121.5)], Now);
        Assert.Equal("No route known", result.Hospitals[0].Reasons[^1]);
        Assert.Equal("No hospital within 60 min.", result.Warning);
    }

    [Fact]
    public void DuplicateHospitalIds_AreRefused()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            new DestinationRanker(new EtaModel()).Rank(Needs(DispatchCondition.Other), HospitalSpec.ParseAll("H-01 5", "H-01 6"), Now));
        Assert.Contains("H-01 is listed twice", ex.Message);
    }

    [Fact]
    public void NegativeEta_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new DestinationRanker(new EtaModel()).Rank(Needs(DispatchCondition.Other), HospitalSpec.ParseAll("H-01 -1"), Now));

    [Theory]
    [InlineData(91, 121)]
    [InlineData(31, 181)]
    [InlineData(double.NaN, 121)]
    public void InvalidPatientPosition_IsRefused(double lat, double lon)
    {
        var needs = new PatientNeeds(new GeoPoint(lat, lon), DispatchCondition.Other);
        var ranker = new DestinationRanker(new EtaModel());
        Assert.Throws<ArgumentOutOfRangeException>(() => ranker.Rank(needs, HospitalSpec.ParseAll("H-01 5"), Now));
        Assert.Throws<ArgumentOutOfRangeException>(() => ranker.Rank(needs, [Sample("H-01", 31, 121)], Now));
    }

    [Fact]
    public void NegativeAge_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new DestinationRanker(new EtaModel())
            .Rank(new PatientNeeds(Scene, DispatchCondition.Other, AgeYears: -1), HospitalSpec.ParseAll("H-01 5"), Now));

    [Fact]
    public void UndefinedCondition_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new DestinationRanker(new EtaModel())
            .Rank(new PatientNeeds(Scene, (DispatchCondition)42), HospitalSpec.ParseAll("H-01 5"), Now));

    [Fact]
    public void CapacityMaxAge_IsConfigurable()
    {
        var options = new RankingOptions { CapacityMaxAge = TimeSpan.FromMinutes(15) };
        var result = new DestinationRanker(new EtaModel(), options)
            .Rank(Needs(DispatchCondition.Sepsis, News2Risk.High), HospitalSpec.ParseAll("H-01 5 age=20", "H-02 8"), Now);
        Assert.Equal(["H-02", "H-01"], result.Hospitals.Select(h => h.HospitalId));
        Assert.StartsWith("Capacity 20 min old", result.Hospitals[1].Reasons[0]);
    }

    [Fact]
    public void ResusBayFromRisk_IsConfigurable()
    {
        var options = new RankingOptions { ResusBayFromRisk = News2Risk.Medium };
        var result = new DestinationRanker(new EtaModel(), options)
            .Rank(Needs(DispatchCondition.Sepsis, News2Risk.Medium), HospitalSpec.ParseAll("H-01 5 resus=0/4", "H-02 8"), Now);
        Assert.Equal(["H-02", "H-01"], result.Hospitals.Select(h => h.HospitalId));
    }

    [Fact]
    public void OptionsAreCopied_LaterChangesDoNotLeakIn()
    {
        var options = new RankingOptions();
        var ranker = new DestinationRanker(new EtaModel(), options);
        options.MaxEtaMinutes = 1;
        Assert.Null(ranker.Rank(Needs(DispatchCondition.Other), HospitalSpec.ParseAll("H-01 30"), Now).Warning);
    }

    [Fact]
    public void Defaults_AreTheDocumentedConstants()
    {
        var o = new RankingOptions();
        Assert.Equal(60, o.MaxEtaMinutes);
        Assert.Equal(30, o.LvoThrombectomyExtraMinutes);
        Assert.Equal(15, o.TraumaCentreExtraMinutes);
        Assert.Equal(0.5, o.EtaTieMinutes);
        Assert.Equal(TimeSpan.FromMinutes(60), o.CapacityMaxAge);
        Assert.Equal(16, o.PaediatricAgeBelow);
        Assert.Equal(News2Risk.High, o.ResusBayFromRisk);
        Assert.Same(TimeZoneInfo.Utc, o.TimeZone);
    }

    public static TheoryData<string, RankingOptions> BadOptions => new()
    {
        { "MaxEtaMinutes", new RankingOptions { MaxEtaMinutes = -1 } },
        { "MaxEtaMinutes", new RankingOptions { MaxEtaMinutes = double.NaN } },
        { "LvoThrombectomyExtraMinutes", new RankingOptions { LvoThrombectomyExtraMinutes = -5 } },
        { "TraumaCentreExtraMinutes", new RankingOptions { TraumaCentreExtraMinutes = double.PositiveInfinity } },
        { "EtaTieMinutes", new RankingOptions { EtaTieMinutes = -0.1 } },
        { "CapacityMaxAge", new RankingOptions { CapacityMaxAge = TimeSpan.FromMinutes(-1) } },
        { "PaediatricAgeBelow", new RankingOptions { PaediatricAgeBelow = -1 } },
        { "ResusBayFromRisk", new RankingOptions { ResusBayFromRisk = (News2Risk)9 } },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void InvalidOptions_AreRefused_NamingTheSetting(string named, RankingOptions options)
    {
        var ex = Assert.Throws<ArgumentException>(() => new DestinationRanker(new EtaModel(), options));
        Assert.Contains(named, ex.Message);
    }

    [Fact]
    public void Recommendation_SerialisesToTheWireShape()
    {
        var result = new DestinationRanker(new EtaModel())
            .Rank(Needs(DispatchCondition.Stemi), HospitalSpec.ParseAll("H-03 11.5 pci resus=1/4"), Now);
        var json = JsonNode.Parse(JsonSerializer.Serialize(result, new JsonSerializerOptions(JsonSerializerDefaults.Web)))!;

        Assert.Equal(["patientId", "computedAt", "hospitals", "warning"], json.AsObject().Select(p => p.Key));
        Assert.Equal(
            """{"hospitalId":"H-03","rank":1,"etaMinutes":11.5,"capable":true,"canTakeNow":true,"reasons":["PCI available 24/7 (STEMI: FMC-to-device \u2264 90 min)","1 resus bay free"]}""",
            json["hospitals"]![0]!.ToJsonString());
        Assert.Equal("P-7F3A2", (string?)json["patientId"]);
        Assert.Null(json["warning"]);
    }

    private static Hospital Sample(string id, double lat, double lon) => HospitalSpec.Parse(id + " 0").Hospital with { Lat = lat, Lon = lon };

    private sealed class RecordingEstimator : IEtaEstimator
    {
        public List<(GeoPoint From, GeoPoint To, DateTimeOffset Departure)> Calls { get; } = [];

        public TimeSpan? Answer { get; init; } = TimeSpan.FromMinutes(7);

        public TimeSpan? Estimate(GeoPoint from, GeoPoint to, DateTimeOffset departure)
        {
            Calls.Add((from, to, departure));
            return Answer;
        }
    }
}
