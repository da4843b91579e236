using System.Buffers;
using System.Text;
using Emergency.Domain.Ambulances;
using Emergency.Ingest.Decoding;
using static Emergency.Ingest.Tests.Decoding.Payloads;

namespace Emergency.Ingest.Tests.Decoding;

public class PositionFrameDecoderTests
{
    private static PositionFrame Decodes(string json) => Decodes(Of(json));

    private static PositionFrame Decodes(ReadOnlySequence<byte> payload)
    {
        bool ok = PositionFrameDecoder.TryDecode(payload, out var frame, out var error);
        Assert.True(ok, error);
        Assert.Null(error);
        return frame!;
    }

    private static string Refused(string json) => Refused(Of(json));

    private static string Refused(ReadOnlySequence<byte> payload)
    {
        bool ok = PositionFrameDecoder.TryDecode(payload, out var frame, out var error);
        Assert.False(ok);
        Assert.Null(frame);
        Assert.False(string.IsNullOrWhiteSpace(error));
        return error!;
    }

    [Fact]
    public void FullExampleDecodes() =>
        Assert.Equal(new PositionFrame(77, ExampleTimestamp, 31.2304, 121.4737, 42.0, 270), Decodes(PositionExample));

    [Fact]
    public void SpeedAndHeadingAreOptional()
    {
        Assert.Equal(new PositionFrame(1, ExampleTimestamp, -33.9, 18.4, null, null), Decodes(Frame(",'lat':-33.9,'lon':18.4")));
        Assert.Equal(
            new PositionFrame(1, ExampleTimestamp, -33.9, 18.4, null, null),
            Decodes(Frame(",'lat':-33.9,'lon':18.4,'speedKmh':null,'heading':null")));
    }

    [Fact]
    public void UnixMillisecondTimestampIsAccepted() =>
        Assert.Equal(
            ExampleTimestamp,
            Decodes(J($"{{'seq':1,'ts':{ExampleTimestamp.ToUnixTimeMilliseconds()},'lat':0,'lon':0}}")).Timestamp);

    [Theory]
    [InlineData("lat", "-90")]
    [InlineData("lat", "90")]
    [InlineData("lat", "0")]
    [InlineData("lat", "89.999999")]
    [InlineData("lon", "-180")]
    [InlineData("lon", "180")]
    [InlineData("lon", "-179.9999")]
    [InlineData("speedKmh", "0")]
    [InlineData("speedKmh", "400")]
    [InlineData("speedKmh", "0.5")]
    [InlineData("heading", "0")]
    [InlineData("heading", "360")]
    [InlineData("heading", "359.9")]
    public void ValuesAtTheRangeEdgesAreAccepted(string field, string value)
    {
        string fields = field switch
        {
            "lat" => $",'lat':{value},'lon':0",
            "lon" => $",'lat':0,'lon':{value}",
            _ => $",'lat':0,'lon':0,'{field}':{value}",
        };
        PositionFrame frame = Decodes(Frame(fields));

        double expected = double.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        double? actual = field switch
        {
            "lat" => frame.Lat,
            "lon" => frame.Lon,
            "speedKmh" => frame.SpeedKmh,
            _ => frame.Heading,
        };
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(",'lat':90.0001,'lon':0", "lat 90.0001 outside -90–90")]
    [InlineData(",'lat':-90.0001,'lon':0", "lat -90.0001 outside -90–90")]
    [InlineData(",'lat':180,'lon':0", "lat 180 outside -90–90")]
    [InlineData(",'lat':0,'lon':180.5", "lon 180.5 outside -180–180")]
    [InlineData(",'lat':0,'lon':-180.5", "lon -180.5 outside -180–180")]
    [InlineData(",'lat':0,'lon':360", "lon 360 outside -180–180")]
    [InlineData(",'lat':0,'lon':0,'speedKmh':-0.1", "speedKmh -0.1 outside 0–400")]
    [InlineData(",'lat':0,'lon':0,'speedKmh':400.1", "speedKmh 400.1 outside 0–400")]
    [InlineData(",'lat':0,'lon':0,'heading':-1", "heading -1 outside 0–360")]
    [InlineData(",'lat':0,'lon':0,'heading':360.5", "heading 360.5 outside 0–360")]
    [InlineData(",'lat':0,'lon':0,'heading':1e400", "heading 1e400 outside 0–360")]
    public void ImpossibleValuesAreRefused(string fields, string expected) =>
        Assert.Equal(expected, Refused(Frame(fields)));

    [Theory]
    [InlineData(",'lon':0", "missing lat")]
    [InlineData(",'lat':0", "missing lon")]
    [InlineData("", "missing lat")]
    [InlineData(",'speedKmh':1,'heading':2", "missing lat")]
    [InlineData(",'lat':null,'lon':0", "lat: expected a number, got null")]
    [InlineData(",'lat':0,'lon':null", "lon: expected a number, got null")]
    [InlineData(",'lat':'31.2','lon':0", "lat: expected a number, got string")]
    [InlineData(",'lat':0,'lon':[121.4]", "lon: expected a number, got array")]
    [InlineData(",'lat':0,'lon':0,'speedKmh':'42'", "speedKmh: expected a number, got string")]
    [InlineData(",'lat':0,'lon':0,'heading':true", "heading: expected a number, got boolean")]
    [InlineData(",'lat':0,'lon':0,'heading':{}", "heading: expected a number, got object")]
    [InlineData(",'lat':0,'lat':0,'lon':0", "duplicate field lat")]
    [InlineData(",'lat':0,'lon':0,'lon':0", "duplicate field lon")]
    [InlineData(",'lat':0,'lon':0,'heading':null,'heading':1", "duplicate field heading")]
    [InlineData(",'lat':0,'lon':0,'speedKmh':1,'speedKmh':1", "duplicate field speedKmh")]
    public void MissingWrongAndDuplicateFieldsAreRefused(string fields, string expected) =>
        Assert.Equal(expected, Refused(Frame(fields)));

    [Theory]
    [InlineData("{'ts':'2026-11-23T07:37:17Z','lat':0,'lon':0}", "missing seq")]
    [InlineData("{'seq':1,'lat':0,'lon':0}", "missing ts")]
    [InlineData("{'seq':-5,'ts':'2026-11-23T07:37:17Z','lat':0,'lon':0}", "seq -5: expected a non-negative integer")]
    [InlineData("{'seq':1,'ts':'2026-11-23T07:37:17','lat':0,'lon':0}", "ts: ISO 8601 time must end in Z or ±hh:mm")]
    public void SeqAndTsAreRequiredAsForVitals(string json, string expected) => Assert.Equal(expected, Refused(J(json)));

    [Fact]
    public void UnknownFieldsAreIgnored() =>
        Assert.Equal(
            Decodes(PositionExample),
            Decodes(J("{'gps':{'fix':'3d','sats':[1,2,3]},'seq':77,'accuracyM':4.5,'ts':'2026-11-23T07:37:17.123Z',"
                + "'lat':31.2304,'alt':null,'lon':121.4737,'speedKmh':42.0,'heading':270,'hr':500}")));

    [Fact]
    public void VitalsFieldsAreUnknownHere() =>
        Assert.Equal(1, Decodes(Frame(",'lat':0,'lon':0,'hr':'x','patientId':5,'status':1")).Seq);

    [Fact]
    public void EveryTruncationIsRefused()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(PositionExample);
        for (int length = 1; length < bytes.Length; length++)
        {
            Assert.StartsWith("invalid JSON at byte ", Refused(Of(bytes[..length])), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void SplitPayloadsDecodeIdentically()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(PositionExample);
        PositionFrame expected = Decodes(Of(bytes));

        for (int cut = 0; cut <= bytes.Length; cut++)
        {
            Assert.Equal(expected, Decodes(Split(bytes, cut)));
        }

        Assert.Equal(expected, Decodes(Chunked(bytes, 1)));
    }
}
