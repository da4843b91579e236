using System.Buffers;
using System.Text;
using Emergency.Domain.Devices;
using Emergency.Domain.Vitals;
using Emergency.History.Tests.Infrastructure;

namespace Emergency.History.Tests;

/// <summary>Escaping checked the only way that counts: write to a real InfluxDB 1.x and read it back.</summary>
[Collection(InfluxCollection.Name)]
public sealed class LineProtocolRoundTripTests
{
    private static readonly DateTimeOffset T0 = TestPoints.Start;
    private readonly InfluxServerFixture _influx;

    public LineProtocolRoundTripTests(InfluxServerFixture influx) => _influx = influx;

    public static TheoryData<string> TagValues() => new()
    {
        "plain-id",
        "with space",
        "with,comma",
        "with=equals",
        @"back\slash",
        @"escaped\,comma",
        @"escaped\ space",
        @"double\\backslash",
        "quote\"inside",
        "O'Brien",
        " leading and trailing ",
        ",= \\\"'",
        "Zoë Ñúñez 日本語 🚑",
        "new\nline",
        "carriage\r\nreturn",
        @"trailing\",
    };

    [Theory]
    [MemberData(nameof(TagValues))]
    public async Task Tag_values_round_trip(string value)
    {
        var db = _influx.NewDatabase("tags");
        using var store = new InfluxHistoryStore(_influx.CreateOptions(db));
        var point = new VitalsPoint(value, value, DeviceKind.Wearable, "dev " + value, 1, T0, VitalSigns.Empty with { Hr = 61 });

        await store.WriteAsync([point]);

        var expected = LineProtocol.NormalizeTagValue(value);
        var row = Assert.Single(await _influx.RowsAsync(db, "SELECT * FROM vitals"));
        Assert.Equal(expected, row["patient"].GetString());
        Assert.Equal(expected, row["region"].GetString());
        Assert.Equal(LineProtocol.NormalizeTagValue("dev " + value), row["device"].GetString());
        Assert.Equal("wearable", row["device_kind"].GetString());
        Assert.Equal(point.TimestampMs, row["time"].GetInt64());

        // The store's own queries find the patient: the id goes through the same normalization and literal escaping.
        Assert.Equal(1, await store.CountAsync(value, T0, T0.AddSeconds(1)));
        var bucket = Assert.Single((await store.QueryAsync(value, T0, T0.AddMinutes(1), TimeSpan.FromMinutes(1))).Buckets);
        Assert.Equal(new ParameterStats(61, 61, 61, 1), bucket.Hr);
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("say \"hi\"")]
    [InlineData(@"back\slash")]
    [InlineData(@"trailing\")]
    [InlineData(@"\""")]
    [InlineData(@"\\")]
    [InlineData("a,b c=d")]
    [InlineData("Zoë 日本語 🚑")]
    [InlineData("multi\nline")]
    [InlineData("")]
    public async Task String_fields_round_trip(string value)
    {
        var db = _influx.NewDatabase("strings");
        await _influx.CreateDatabaseAsync(db);
        var buffer = new ArrayBufferWriter<byte>();
        LineProtocol.WriteMeasurement(buffer, "notes");
        buffer.Write(",kind=test note="u8);
        LineProtocol.WriteStringFieldValue(buffer, value);
        buffer.Write(" 1000\n"u8);

        var (status, body) = await _influx.WriteRawAsync(db, Encoding.UTF8.GetString(buffer.WrittenSpan));

        Assert.True((int)status == 204, $"{(int)status}: {body}");
        var row = Assert.Single(await _influx.RowsAsync(db, "SELECT note FROM notes"));
        Assert.Equal(value, row["note"].GetString());
    }

    [Fact]
    public async Task Field_values_and_types_round_trip()
    {
        var db = _influx.NewDatabase("fields");
        using var store = new InfluxHistoryStore(_influx.CreateOptions(db));
        var vitals = new VitalSigns(0.00001, 16.5, 97.25, 1.5e20, 123456789.123, 36.85, Acvpu.NewConfusion, true, Spo2Scale.Scale2);
        var point = new VitalsPoint("north", "p", DeviceKind.Ambulance, "amb-1", 9_007_199_254_740_993, T0.AddMilliseconds(7), vitals, News2: 5);

        await store.WriteAsync([point]);

        var row = Assert.Single(await _influx.RowsAsync(db, "SELECT * FROM vitals"));
        Assert.Equal(0.00001, row["hr"].GetDouble());
        Assert.Equal(16.5, row["rr"].GetDouble());
        Assert.Equal(97.25, row["spo2"].GetDouble());
        Assert.Equal(1.5e20, row["sbp"].GetDouble());
        Assert.Equal(123456789.123, row["dbp"].GetDouble());
        Assert.Equal(36.85, row["temp"].GetDouble());
        Assert.Equal("C", row["acvpu"].GetString());
        Assert.True(row["o2"].GetBoolean());
        Assert.Equal(2, row["spo2_scale"].GetInt64());
        Assert.Equal(5, row["news2"].GetInt64());
        Assert.Equal(9_007_199_254_740_993, row["seq"].GetInt64());
        Assert.Equal(point.TimestampMs, row["time"].GetInt64());

        var types = (await _influx.RowsAsync(db, "SHOW FIELD KEYS FROM vitals"))
            .ToDictionary(r => r["fieldKey"].GetString()!, r => r["fieldType"].GetString());
        Assert.Equal(new Dictionary<string, string?>
        {
            ["acvpu"] = "string", ["dbp"] = "float", ["hr"] = "float", ["news2"] = "integer", ["o2"] = "boolean",
            ["rr"] = "float", ["sbp"] = "float", ["seq"] = "integer", ["spo2"] = "float", ["spo2_scale"] = "integer",
            ["temp"] = "float",
        }, types);
    }
}
