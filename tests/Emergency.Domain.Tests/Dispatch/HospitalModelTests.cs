using System.Text.Json;
using System.Text.Json.Nodes;
using Emergency.Domain.Geo;
using Emergency.Domain.Hospitals;

namespace Emergency.Domain.Tests.Dispatch;

public class HospitalModelTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 6, 0, 0, TimeSpan.Zero);

    private static Hospital Sample() => new(
        "H-01", "Pudong East General (demo)", "sh", 31.23, 121.47,
        new HospitalCapabilities(TraumaLevel.Level1, true, StrokeCapability.Thrombectomy, false, true, true),
        new HospitalCapacity(4, 1, 40, 6, 2, true),
        EdStatus.Open,
        Now,
        "charge-nurse");

    [Fact]
    public void Hospital_SerialisesToTheWireShape()
    {
        var json = JsonNode.Parse(JsonSerializer.Serialize(Sample(), Web))!.AsObject();

        Assert.Equal(
            ["hospitalId", "name", "region", "lat", "lon", "capabilities", "capacity", "status", "updatedAt", "updatedBy"],
            json.Select(p => p.Key));
        Assert.Equal(
            """{"traumaLevel":1,"pci24x7":true,"stroke":"thrombectomy","burns":false,"paediatric":true,"obstetric":true}""",
            json["capabilities"]!.ToJsonString());
        Assert.Equal(
            """{"resusBaysTotal":4,"resusBaysFree":1,"edBedsTotal":40,"edBedsFree":6,"icuBedsFree":2,"orAvailable":true}""",
            json["capacity"]!.ToJsonString());
        Assert.Equal("""{"state":"open","reason":null,"until":null}""", json["status"]!.ToJsonString());
    }

    [Fact]
    public void Hospital_ReadsTheWireExample_IgnoringDerivedFields()
    {
        const string wire = """
            { "hospitalId": "H-01", "name": "X", "region": "sh", "lat": 31.23, "lon": 121.47,
              "capabilities": { "traumaLevel": null, "pci24x7": true, "stroke": "primary", "burns": false, "paediatric": true, "obstetric": true },
              "capacity": { "resusBaysTotal": 4, "resusBaysFree": 1, "edBedsTotal": 40, "edBedsFree": 6, "icuBedsFree": 2, "orAvailable": true },
              "status": { "state": "diversion", "reason": "CT down", "until": "2026-11-23T14:30:00+08:00" },
              "updatedAt": "2026-11-23T06:00:00Z", "updatedBy": "ed", "stale": false, "inbound": 3 }
            """;
        var hospital = JsonSerializer.Deserialize<Hospital>(wire, Web)!;

        Assert.Equal(TraumaLevel.None, hospital.Capabilities.TraumaLevel);
        Assert.Equal(StrokeCapability.Primary, hospital.Capabilities.Stroke);
        Assert.Equal(EdStatus.Diversion("CT down", new DateTimeOffset(2026, 11, 23, 14, 30, 0, TimeSpan.FromHours(8))), hospital.Status);
        Assert.Equal(new GeoPoint(31.23, 121.47), hospital.Position);
    }

    [Theory]
    [InlineData("null", TraumaLevel.None)]
    [InlineData("0", TraumaLevel.None)]
    [InlineData("1", TraumaLevel.Level1)]
    [InlineData("2", TraumaLevel.Level2)]
    [InlineData("3", TraumaLevel.Level3)]
    public void TraumaLevel_Reads(string json, TraumaLevel expected) =>
        Assert.Equal(expected, JsonSerializer.Deserialize<TraumaLevel>(json));

    [Theory]
    [InlineData("4")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("\"1\"")]
    public void TraumaLevel_RefusesOtherValues(string json) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<TraumaLevel>(json));

    [Theory]
    [InlineData(TraumaLevel.None, "null")]
    [InlineData(TraumaLevel.Level2, "2")]
    public void TraumaLevel_Writes(TraumaLevel level, string json) =>
        Assert.Equal(json, JsonSerializer.Serialize(level));

    [Fact]
    public void Stroke_CodesAgreeWithJson()
    {
        foreach (var value in Enum.GetValues<StrokeCapability>())
        {
            Assert.Equal($"\"{value.ToCode()}\"", JsonSerializer.Serialize(value));
            Assert.True(StrokeCapabilityCodes.TryParse(value.ToCode(), out var parsed));
            Assert.Equal(value, parsed);
        }
    }

    [Fact]
    public void EdState_CodesAgreeWithJson()
    {
        foreach (var value in Enum.GetValues<EdState>())
        {
            Assert.Equal($"\"{value.ToCode()}\"", JsonSerializer.Serialize(value));
            Assert.True(EdStateCodes.TryParse(value.ToCode(), out var parsed));
            Assert.Equal(value, parsed);
        }
    }

    [Theory]
    [InlineData("2")]
    [InlineData("\"comprehensive\"")]
    public void Stroke_RefusesNumbersAndUnknownCodes(string json) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<StrokeCapability>(json));

    [Theory]
    [InlineData("Primary")]
    [InlineData("")]
    [InlineData(null)]
    public void Stroke_TryParse_IsExact(string? code) => Assert.False(StrokeCapabilityCodes.TryParse(code, out _));

    [Fact]
    public void EdState_TryParse_RefusesUnknown() => Assert.False(EdStateCodes.TryParse("closed", out _));

    [Theory]
    [InlineData(TraumaLevel.None, false)]
    [InlineData(TraumaLevel.Level1, true)]
    [InlineData(TraumaLevel.Level2, true)]
    [InlineData(TraumaLevel.Level3, false)]
    public void MajorTraumaCentre_IsLevelOneOrTwo(TraumaLevel level, bool major) =>
        Assert.Equal(major, level.IsMajorTraumaCentre());

    [Fact]
    public void TraumaLevel_NumbersRoundTrip()
    {
        foreach (var level in Enum.GetValues<TraumaLevel>())
        {
            Assert.True(TraumaLevels.TryFromNumber(level.ToNumber(), out var back));
            Assert.Equal(level, back);
        }

        Assert.False(TraumaLevels.TryFromNumber(4, out _));
    }

    [Theory]
    [InlineData(null, true, false)]  // no end time: until lifted
    [InlineData(30, true, false)]    // ends in 30 min
    [InlineData(0, false, true)]     // ends now: lapsed
    [InlineData(-30, false, true)]   // ended 30 min ago
    public void Diversion_InForceOrLapsed(int? untilMinutesFromNow, bool inForce, bool lapsed)
    {
        var status = EdStatus.Diversion("full", untilMinutesFromNow is int m ? Now.AddMinutes(m) : null);
        Assert.Equal(inForce, status.IsDiversionAt(Now));
        Assert.Equal(lapsed, status.HasLapsedAt(Now));
    }

    [Fact]
    public void Open_IsNeverDiversion()
    {
        Assert.False(EdStatus.Open.IsDiversionAt(Now));
        Assert.False(EdStatus.Open.HasLapsedAt(Now));
    }

    [Fact]
    public void WithReport_ReplacesCapacityStatusAndStamp()
    {
        var updated = Sample().WithReport(new HospitalCapacity(4, 0, 40, 0, 0, false), EdStatus.Diversion("full"), Now.AddMinutes(5), "ed-2");
        Assert.Equal(0, updated.Capacity.ResusBaysFree);
        Assert.Equal(EdState.Diversion, updated.Status.State);
        Assert.Equal(Now.AddMinutes(5), updated.UpdatedAt);
        Assert.Equal("ed-2", updated.UpdatedBy);
        Assert.Equal(Sample().Capabilities, updated.Capabilities);
    }
}
