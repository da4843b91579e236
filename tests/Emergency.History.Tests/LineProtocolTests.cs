using System.Buffers;
using System.Text;
using Emergency.Domain.Devices;
using Emergency.Domain.Vitals;

namespace Emergency.History.Tests;

/// <summary>The encoder's exact output. Escaping is also checked against a real server in LineProtocolRoundTripTests.</summary>
public sealed class LineProtocolTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 8, 0, 0, 123, TimeSpan.Zero);

    private static VitalsPoint Point(VitalSigns vitals, string patient = "p1", string region = "north", int? news2 = null) =>
        new(region, patient, DeviceKind.Ambulance, "amb-1", 42, At, vitals, news2);

    [Fact]
    public void Full_frame_has_sorted_tags_typed_fields_and_a_nanosecond_time_of_device_millisecond_plus_seq()
    {
        var vitals = new VitalSigns(72, 16.5, 97, 120, 80, 36.85, Acvpu.Alert, false, Spo2Scale.Scale1);

        var line = LineProtocol.ToText([Point(vitals)]);

        Assert.Equal(
            "vitals,device=amb-1,device_kind=ambulance,patient=p1,region=north " +
            "acvpu=\"A\",dbp=80,hr=72,news2=0i,o2=false,rr=16.5,sbp=120,seq=42i,spo2=97,spo2_scale=1i,temp=36.85 " +
            $"{At.ToUnixTimeMilliseconds() * 1_000_000 + 42}\n",
            line);
    }

    [Fact]
    public void Null_fields_and_empty_tags_are_left_out_and_seq_is_always_there()
    {
        var point = new VitalsPoint("", "p", DeviceKind.Wearable, "w-9", 1, DateTimeOffset.FromUnixTimeMilliseconds(1000), VitalSigns.Empty);

        Assert.Equal("vitals,device=w-9,device_kind=wearable,patient=p seq=1i 1000000001\n", LineProtocol.ToText([point]));
    }

    [Fact]
    public void News2_is_the_given_score_or_the_frames_own_only_when_complete()
    {
        var partial = new VitalSigns(Hr: 135, Rr: null, Spo2: 90, Sbp: null, Dbp: null, Temp: null, Acvpu: null, O2: null, Spo2Scale: null);
        var complete = new VitalSigns(135, 26, 90, 88, 60, 34.0, Acvpu.Pain, true, Spo2Scale.Scale1);

        Assert.Null(Point(partial).EffectiveNews2);
        Assert.DoesNotContain("news2", LineProtocol.ToText([Point(partial)]));
        Assert.Equal(7, Point(partial, news2: 7).EffectiveNews2);
        Assert.Contains(",news2=7i,", LineProtocol.ToText([Point(partial, news2: 7)]));
        Assert.Equal(3 + 3 + 2 + 3 + 3 + 3 + 3, Point(complete).EffectiveNews2);
    }

    [Theory]
    [InlineData(0.00001, "hr=1E-05")]
    [InlineData(1.5e20, "hr=1.5E+20")]
    [InlineData(-0.5, "hr=-0.5")]
    [InlineData(98.60000000000001, "hr=98.60000000000001")]
    [InlineData(0.1 + 0.2, "hr=0.30000000000000004")]
    public void Floats_are_invariant_and_round_trippable(double hr, string expected)
    {
        var line = LineProtocol.ToText([Point(VitalSigns.Empty with { Hr = hr })]);

        Assert.Contains(" " + expected + ",", line);
        var text = expected["hr=".Length..];
        Assert.Equal(hr, double.Parse(text, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Non_finite_values_are_not_readings_and_are_left_out(double value)
    {
        var line = LineProtocol.ToText([Point(VitalSigns.Empty with { Hr = value, Temp = value, Spo2 = 95 })]);

        Assert.DoesNotContain("hr=", line);
        Assert.DoesNotContain("temp=", line);
        Assert.Contains(",spo2=95 ", line);
    }

    [Theory]
    [InlineData("a b", @"a\ b")]
    [InlineData("a,b", @"a\,b")]
    [InlineData("a=b", @"a\=b")]
    [InlineData(@"a\b", @"a\b")]
    [InlineData(@"a\,b", @"a\\,b")]
    [InlineData("a\"b", "a\"b")]
    [InlineData("Zoë 日本 🚑", @"Zoë\ 日本\ 🚑")]
    [InlineData("a\nb", "a\uFFFDb")]
    [InlineData("a\r\nb", "a\uFFFD\uFFFDb")]
    [InlineData(@"ab\", "ab\uFFFD")]
    public void Tag_values_are_escaped_as_InfluxDB_1x_reads_them(string patient, string expected)
    {
        var line = LineProtocol.ToText([Point(VitalSigns.Empty, patient)]);

        Assert.Contains(",patient=" + expected + ",region=north ", line);
        Assert.Single(line.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Normalizing_a_clean_tag_value_returns_the_same_string()
    {
        var value = "patient-17";
        Assert.Same(value, LineProtocol.NormalizeTagValue(value));
        Assert.Equal("a\uFFFDb\uFFFD", LineProtocol.NormalizeTagValue("a\nb\\"));
    }

    [Fact]
    public void String_fields_escape_quotes_and_backslashes_and_measurements_commas_and_spaces()
    {
        var buffer = new ArrayBufferWriter<byte>();
        LineProtocol.WriteMeasurement(buffer, "my m,x=1");
        buffer.Write(" "u8);
        LineProtocol.WriteTagText(buffer, "note key");
        buffer.Write("="u8);
        LineProtocol.WriteStringFieldValue(buffer, "say \"hi\" \\ ok\\");

        Assert.Equal(@"my\ m\,x=1 note\ key=""say \""hi\"" \\ ok\\""", Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void InfluxQL_literals_escape_quotes_backslashes_and_newlines()
    {
        Assert.Equal(@"'O\'Brien\\x\n'", InfluxHistoryStore.QuoteString("O'Brien\\x\n"));
        Assert.Equal(@"""a\""b\\""", InfluxHistoryStore.QuoteIdentifier("a\"b\\"));
    }

    [Fact]
    public void Many_points_are_one_line_each()
    {
        var points = TestPointsFor(1000);
        var text = LineProtocol.ToText(points);

        Assert.Equal(1000, text.Count(c => c == '\n'));
        Assert.EndsWith("\n", text);
    }

    private static List<VitalsPoint> TestPointsFor(int count) =>
        Infrastructure.TestPoints.Generate("lp", 1, count);
}
