using System.Text.Json.Nodes;
using Emergency.Domain.Dispatch;
using Emergency.Domain.Geo;
using Emergency.Domain.Hospitals;
using Emergency.Domain.Scoring;

namespace Emergency.Domain.Tests.Dispatch;

public class RegionFileTests
{
    private static string DemoPath
    {
        get
        {
            // The test runs from tests/Emergency.Domain.Tests/bin/...; the repository root holds Emergency.sln.
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Emergency.sln")))
                {
                    return Path.Combine(dir.FullName, "dashboard", "Emergency.Dashboard", "regions", "sh.demo.json");
                }
            }

            throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
        }
    }

    // The demo file.

    [Fact]
    public void DemoFile_Loads()
    {
        var data = RegionFile.Load(DemoPath);

        Assert.Equal("sh.demo.json", data.Source);
        Assert.Equal("sh", data.Region);
        Assert.True(data.Demonstration);
        Assert.Contains("not real hospital data", data.Note);
        Assert.Equal(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai").BaseUtcOffset, data.TimeZone!.BaseUtcOffset);
        Assert.InRange(data.Hospitals.Count, 12, 20);
        Assert.InRange(data.Stations.Count, 6, 10);
    }

    [Fact]
    public void DemoFile_IsWithinShanghai_AndMarkedDemo()
    {
        var data = RegionFile.Load(DemoPath);
        foreach (var point in data.Hospitals.Select(h => (h.Name, P: new GeoPoint(h.Lat, h.Lon)))
                     .Concat(data.Stations.Select(s => (s.Name, P: s.Position))))
        {
            Assert.InRange(point.P.Lat, 31.0, 31.4);
            Assert.InRange(point.P.Lon, 121.2, 121.7);
            Assert.EndsWith("(demo)", point.Name);
        }
    }

    [Fact]
    public void DemoFile_HasMixedCapabilities()
    {
        var caps = RegionFile.Load(DemoPath).Hospitals.Select(h => h.Capabilities).ToList();
        Assert.Contains(caps, c => c.TraumaLevel == TraumaLevel.Level1);
        Assert.Contains(caps, c => c.TraumaLevel == TraumaLevel.Level2);
        Assert.Contains(caps, c => c.TraumaLevel == TraumaLevel.Level3);
        Assert.Contains(caps, c => c.TraumaLevel == TraumaLevel.None);
        Assert.Contains(caps, c => c.Pci24x7);
        Assert.Contains(caps, c => !c.Pci24x7);
        Assert.Contains(caps, c => c.Stroke == StrokeCapability.Thrombectomy);
        Assert.Contains(caps, c => c.Stroke == StrokeCapability.Primary);
        Assert.Contains(caps, c => c.Stroke == StrokeCapability.None);
        Assert.Contains(caps, c => c.Paediatric);
        Assert.Contains(caps, c => c.Obstetric);
        Assert.Contains(caps, c => c.Burns);
    }

    [Fact]
    public void DemoFile_RanksEveryCondition()
    {
        // From a station, every condition finds a capable hospital in reach, by the default ETA model in rush hour.
        var data = RegionFile.Load(DemoPath);
        var now = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.FromHours(8));
        var hospitals = data.ToHospitals(now.AddMinutes(-5));
        var ranker = new DestinationRanker(new EtaModel(new EtaOptions { TimeZone = data.TimeZone! }), new RankingOptions { TimeZone = data.TimeZone! });

        foreach (var station in data.Stations)
        {
            foreach (var condition in Enum.GetValues<DispatchCondition>())
            {
                var result = ranker.Rank(new PatientNeeds(station.Position, condition, News2Risk.Medium), hospitals, now);
                Assert.True(result.Hospitals[0].Capable, $"{station.StationId} {condition.ToCode()}: {result.Warning}");
            }
        }
    }

    [Fact]
    public void ToHospitals_StampsRegionAndReport()
    {
        var data = RegionFile.Load(DemoPath);
        var at = new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero);
        var hospitals = data.ToHospitals(at, "loader");
        Assert.Equal(data.Hospitals.Count, hospitals.Count);
        Assert.All(hospitals, h => Assert.Equal(("sh", at, "loader"), (h.Region, h.UpdatedAt, h.UpdatedBy)));
        Assert.Contains(hospitals, h => h.Status.State == EdState.Diversion && !string.IsNullOrWhiteSpace(h.Status.Reason));
    }

    // A small valid file, changed one thing at a time.

    private static JsonObject Valid() => JsonNode.Parse("""
        {
          "region": "sh",
          "name": "Test",
          "hospitals": [
            { "hospitalId": "H-01", "name": "One", "lat": 31.2, "lon": 121.4,
              "capabilities": { "traumaLevel": 1, "pci24x7": true, "stroke": "thrombectomy", "burns": false, "paediatric": true, "obstetric": true },
              "capacity": { "resusBaysTotal": 4, "resusBaysFree": 1, "edBedsTotal": 40, "edBedsFree": 6, "icuBedsFree": 2, "orAvailable": true } },
            { "hospitalId": "H-02", "name": "Two", "lat": 31.3, "lon": 121.5,
              "capabilities": { "traumaLevel": null, "pci24x7": false, "stroke": "none", "burns": false, "paediatric": false, "obstetric": false },
              "capacity": { "resusBaysTotal": 2, "resusBaysFree": 0, "edBedsTotal": 10, "edBedsFree": 0, "icuBedsFree": 0, "orAvailable": false },
              "status": { "state": "diversion", "reason": "flooding" } }
          ],
          "stations": [ { "stationId": "ST-01", "name": "Station", "lat": 31.25, "lon": 121.45 } ]
        }
        """)!.AsObject();

    private static IReadOnlyList<string> Errors(JsonObject file)
    {
        Assert.False(RegionFile.TryParse(file.ToJsonString(), "test.json", out var data, out var errors));
        Assert.Null(data);
        return errors;
    }

    private static JsonObject Hospital(JsonObject file, int index) => file["hospitals"]![index]!.AsObject();

    [Fact]
    public void Valid_Parses()
    {
        var data = RegionFile.Parse(Valid().ToJsonString(), "test.json");
        Assert.Equal("Test", data.Name);
        Assert.False(data.Demonstration);
        Assert.Null(data.Note);
        Assert.Null(data.TimeZone);
        Assert.Equal(
            new RegionHospital("H-01", "One", 31.2, 121.4,
                new HospitalCapabilities(TraumaLevel.Level1, true, StrokeCapability.Thrombectomy, false, true, true),
                new HospitalCapacity(4, 1, 40, 6, 2, true), EdStatus.Open),
            data.Hospitals[0]);
        Assert.Equal(TraumaLevel.None, data.Hospitals[1].Capabilities.TraumaLevel);
        Assert.Equal(EdStatus.Diversion("flooding"), data.Hospitals[1].Status);
        Assert.Equal([new AmbulanceStation("ST-01", "Station", 31.25, 121.45)], data.Stations);
    }

    [Fact]
    public void Stations_AreOptional()
    {
        var file = Valid();
        file.Remove("stations");
        Assert.Empty(RegionFile.Parse(file.ToJsonString(), "test.json").Stations);
    }

    [Fact]
    public void TraumaLevelZero_IsNone()
    {
        var file = Valid();
        Hospital(file, 0)["capabilities"]!["traumaLevel"] = 0;
        Assert.Equal(TraumaLevel.None, RegionFile.Parse(file.ToJsonString(), "test.json").Hospitals[0].Capabilities.TraumaLevel);
    }

    public static TheoryData<string, Action<JsonObject>, string> OneError => new()
    {
        // The example of the brief.
        { "latitude out of range", f => Hospital(f, 1)["lat"] = 95, "test.json: hospitals[1] (H-02): lat 95 outside -90..90" },
        { "longitude out of range", f => Hospital(f, 0)["lon"] = -181.5, "test.json: hospitals[0] (H-01): lon -181.5 outside -180..180" },
        { "latitude a string", f => Hospital(f, 0)["lat"] = "31.2", "test.json: hospitals[0] (H-01): lat must be a number" },
        { "name missing", f => Hospital(f, 0).Remove("name"), "test.json: hospitals[0] (H-01): name missing" },
        { "name blank", f => Hospital(f, 0)["name"] = "  ", "test.json: hospitals[0] (H-01): name must not be empty" },
        { "id missing: entry by index", f => Hospital(f, 1).Remove("hospitalId"), "test.json: hospitals[1]: hospitalId missing" },
        { "id with a space", f => Hospital(f, 1)["hospitalId"] = "H 02", "test.json: hospitals[1] (H 02): hospitalId \"H 02\" must be 1–64 characters of A-Z a-z 0-9 - _ ." },
        { "duplicate hospital id", f => Hospital(f, 1)["hospitalId"] = "H-01", "test.json: hospitals[1] (H-01): hospitalId duplicates hospitals[0]" },
        { "capabilities missing", f => Hospital(f, 0).Remove("capabilities"), "test.json: hospitals[0] (H-01): capabilities missing" },
        { "unknown stroke code", f => Hospital(f, 0)["capabilities"]!["stroke"] = "comprehensive", "test.json: hospitals[0] (H-01): capabilities.stroke \"comprehensive\" is not one of thrombectomy|primary|none" },
        { "trauma level 4", f => Hospital(f, 0)["capabilities"]!["traumaLevel"] = 4, "test.json: hospitals[0] (H-01): capabilities.traumaLevel 4 is not 1, 2, 3, or null/0 for none" },
        { "trauma level missing", f => Hospital(f, 0)["capabilities"]!.AsObject().Remove("traumaLevel"), "test.json: hospitals[0] (H-01): capabilities.traumaLevel missing (use null for none)" },
        { "boolean as string", f => Hospital(f, 0)["capabilities"]!["pci24x7"] = "yes", "test.json: hospitals[0] (H-01): capabilities.pci24x7 must be true or false" },
        { "boolean missing", f => Hospital(f, 0)["capabilities"]!.AsObject().Remove("burns"), "test.json: hospitals[0] (H-01): capabilities.burns missing" },
        { "free above total", f => Hospital(f, 0)["capacity"]!["resusBaysFree"] = 5, "test.json: hospitals[0] (H-01): capacity.resusBaysFree (5) exceeds capacity.resusBaysTotal (4)" },
        { "negative count", f => Hospital(f, 1)["capacity"]!["icuBedsFree"] = -1, "test.json: hospitals[1] (H-02): capacity.icuBedsFree: must not be negative (-1)" },
        { "fractional count", f => Hospital(f, 0)["capacity"]!["edBedsFree"] = 2.5, "test.json: hospitals[0] (H-01): capacity.edBedsFree must be a whole number" },
        { "count missing", f => Hospital(f, 0)["capacity"]!.AsObject().Remove("edBedsTotal"), "test.json: hospitals[0] (H-01): capacity.edBedsTotal missing" },
        { "misspelt field", f => Hospital(f, 0)["capacity"]!["edBedFree"] = 1, "test.json: hospitals[0] (H-01): capacity.edBedFree is not a known field" },
        { "unknown hospital field", f => Hospital(f, 0)["region"] = "sh", "test.json: hospitals[0] (H-01): region is not a known field" },
        { "capacity not an object", f => Hospital(f, 0)["capacity"] = 3, "test.json: hospitals[0] (H-01): capacity must be an object" },
        { "diversion without reason", f => Hospital(f, 1)["status"]!.AsObject().Remove("reason"), "test.json: hospitals[1] (H-02): status.reason: required when status.state is diversion" },
        { "unknown state", f => Hospital(f, 1)["status"]!["state"] = "closed", "test.json: hospitals[1] (H-02): status.state \"closed\" is not one of open|diversion" },
        { "until in a file", f => Hospital(f, 1)["status"]!["until"] = "2026-11-23T14:30:00+08:00", "test.json: hospitals[1] (H-02): status.until is not allowed in a region file (a diversion listed there has no end)" },
        { "hospital not an object", f => f["hospitals"]!.AsArray().Add(7), "test.json: hospitals[2] must be an object" },
        { "station latitude", f => f["stations"]![0]!["lat"] = -91, "test.json: stations[0] (ST-01): lat -91 outside -90..90" },
        { "duplicate station id", f => f["stations"]!.AsArray().Add(JsonNode.Parse("""{ "stationId": "ST-01", "name": "Again", "lat": 31, "lon": 121 }""")), "test.json: stations[1] (ST-01): stationId duplicates stations[0]" },
        { "station field missing", f => f["stations"]![0]!.AsObject().Remove("lon"), "test.json: stations[0] (ST-01): lon missing" },
        { "region missing", f => f.Remove("region"), "test.json: region missing" },
        { "region invalid", f => f["region"] = "s/h", "test.json: region \"s/h\" must be 1–64 characters of A-Z a-z 0-9 - _ ." },
        { "hospitals missing", f => f.Remove("hospitals"), "test.json: hospitals missing" },
        { "hospitals empty", f => f["hospitals"] = new JsonArray(), "test.json: hospitals must not be empty" },
        { "hospitals not an array", f => f["hospitals"] = new JsonObject(), "test.json: hospitals must be an array" },
        { "demonstration not a boolean", f => f["demonstration"] = "true", "test.json: demonstration must be true or false" },
        { "unknown time zone", f => f["timeZone"] = "Mars/Olympus_Mons", "test.json: timeZone \"Mars/Olympus_Mons\" is not a time zone known here" },
        { "unknown top-level field", f => f["hospital"] = new JsonArray(), "test.json: hospital is not a known field" },
    };

    [Theory]
    [MemberData(nameof(OneError))]
    public void EachKindOfError(string problem, Action<JsonObject> breakIt, string expected)
    {
        var file = Valid();
        breakIt(file);
        var errors = Errors(file);
        Assert.True(errors is [var only] && only == expected, $"{problem}: got [{string.Join(" | ", errors)}]");
    }

    [Fact]
    public void AllErrors_AreReported_NotJustTheFirst()
    {
        var file = Valid();
        Hospital(file, 0)["lat"] = 95;
        Hospital(file, 1)["capacity"]!["edBedsFree"] = 11;
        file["stations"]![0]!.AsObject().Remove("name");
        Assert.Equal(
        [
            "test.json: hospitals[0] (H-01): lat 95 outside -90..90",
            "test.json: hospitals[1] (H-02): capacity.edBedsFree (11) exceeds capacity.edBedsTotal (10)",
            "test.json: stations[0] (ST-01): name missing",
        ], Errors(file));
    }

    [Theory]
    [InlineData("{ \"region\": \"sh\", ", "test.json: not valid JSON at line 1, byte 19: ")]
    [InlineData("{\n  \"region\": \"sh\",\n  \"name\": x\n}", "test.json: not valid JSON at line 3, byte 11: ")]
    [InlineData("[]", "test.json: the file must hold one JSON object")]
    [InlineData("{ \"region\": \"sh\", \"region\": \"hz\" }", "test.json: not valid JSON")]
    [InlineData("{ \"region\": \"sh\", } ", "test.json: not valid JSON")]
    [InlineData("// comment\n{}", "test.json: not valid JSON")]
    public void NotARegionFile(string json, string expectedStart)
    {
        Assert.False(RegionFile.TryParse(json, "test.json", out _, out var errors));
        Assert.StartsWith(expectedStart, Assert.Single(errors));
    }

    [Fact]
    public void Parse_Throws_WithEveryError()
    {
        var file = Valid();
        Hospital(file, 0)["lat"] = 95;
        Hospital(file, 0)["lon"] = 195;
        var ex = Assert.Throws<RegionFileException>(() => RegionFile.Parse(file.ToJsonString(), "test.json"));
        Assert.Equal(2, ex.Errors.Count);
        Assert.Equal(string.Join(Environment.NewLine, ex.Errors), ex.Message);
    }

    [Fact]
    public void Load_NamesTheFile()
    {
        string dir = Directory.CreateTempSubdirectory("region-file-").FullName;
        try
        {
            string path = Path.Combine(dir, "hz.json");
            var file = Valid();
            Hospital(file, 0)["lat"] = 95;
            File.WriteAllText(path, file.ToJsonString());
            var ex = Assert.Throws<RegionFileException>(() => RegionFile.Load(path));
            Assert.Equal(["hz.json: hospitals[0] (H-01): lat 95 outside -90..90"], ex.Errors);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Load_MissingFile()
    {
        string path = Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid().ToString("N"), "xx.json");
        var ex = Assert.Throws<RegionFileException>(() => RegionFile.Load(path));
        Assert.StartsWith("xx.json: cannot read ", Assert.Single(ex.Errors));
    }

    [Theory]
    [InlineData("H-01", true)]
    [InlineData("a_b.c-9", true)]
    [InlineData("", false)]
    [InlineData("H 01", false)]
    [InlineData("H/01", false)]
    [InlineData("Ü", false)]
    [InlineData(null, false)]
    public void IdRule(string? id, bool valid) => Assert.Equal(valid, RegionFile.IsValidId(id));

    [Fact]
    public void IdRule_LengthLimit()
    {
        Assert.True(RegionFile.IsValidId(new string('a', 64)));
        Assert.False(RegionFile.IsValidId(new string('a', 65)));
    }
}
