using System.Buffers;
using System.Text;
using Emergency.Domain.Ambulances;
using Emergency.Ingest.Decoding;
using static Emergency.Ingest.Tests.Decoding.Payloads;

namespace Emergency.Ingest.Tests.Decoding;

public class StatusFrameDecoderTests
{
    private const string ExpectedStatus =
        "status: expected one of available, dispatched, on-scene, transporting, at-hospital, out-of-service";

    private static StatusFrame Decodes(string json) => Decodes(Of(json));

    private static StatusFrame Decodes(ReadOnlySequence<byte> payload)
    {
        bool ok = StatusFrameDecoder.TryDecode(payload, out var frame, out var error);
        Assert.True(ok, error);
        Assert.Null(error);
        return frame!;
    }

    private static string Refused(string json) => Refused(Of(json));

    private static string Refused(ReadOnlySequence<byte> payload)
    {
        bool ok = StatusFrameDecoder.TryDecode(payload, out var frame, out var error);
        Assert.False(ok);
        Assert.Null(frame);
        Assert.False(string.IsNullOrWhiteSpace(error));
        return error!;
    }

    [Fact]
    public void FullExampleDecodes() =>
        Assert.Equal(new StatusFrame(5, ExampleTimestamp, AmbulanceStatus.Transporting, "P-7F3A2"), Decodes(StatusExample));

    [Theory]
    [InlineData("available", AmbulanceStatus.Available)]
    [InlineData("dispatched", AmbulanceStatus.Dispatched)]
    [InlineData("on-scene", AmbulanceStatus.OnScene)]
    [InlineData("transporting", AmbulanceStatus.Transporting)]
    [InlineData("at-hospital", AmbulanceStatus.AtHospital)]
    [InlineData("out-of-service", AmbulanceStatus.OutOfService)]
    public void EachStatusDecodes(string code, AmbulanceStatus expected)
    {
        Assert.Equal(expected, Decodes(Frame($",'status':'{code}'")).Status);
        Assert.Equal(code, expected.ToCode());
    }

    [Fact]
    public void EscapedStatusIsUnescaped() =>
        Assert.Equal(AmbulanceStatus.OutOfService, Decodes(Frame(@",'status':'\u006f\u0075\u0074\u002d\u006f\u0066\u002d\u0073\u0065\u0072\u0076\u0069\u0063\u0065'")).Status);

    [Fact]
    public void PatientIdIsOptionalAndMayBeNull()
    {
        Assert.Null(Decodes(Frame(",'status':'available'")).PatientId);
        Assert.Null(Decodes(Frame(",'status':'available','patientId':null")).PatientId);
        Assert.Equal("P-1", Decodes(Frame(",'patientId':'P-1','status':'transporting'")).PatientId);
    }

    [Theory]
    [InlineData(",'status':'Available'", ExpectedStatus)]
    [InlineData(",'status':'AVAILABLE'", ExpectedStatus)]
    [InlineData(",'status':'on_scene'", ExpectedStatus)]
    [InlineData(",'status':'onscene'", ExpectedStatus)]
    [InlineData(",'status':'available '", ExpectedStatus)]
    [InlineData(",'status':''", ExpectedStatus)]
    [InlineData(",'status':'out-of-service-for-a-very-long-time-indeed-more-than-eighty-four-bytes-of-status-text'", ExpectedStatus)]
    [InlineData(",'status':'\\uD800'", ExpectedStatus)]
    [InlineData(",'status':2", ExpectedStatus + ", got number")]
    [InlineData(",'status':null", ExpectedStatus + ", got null")]
    [InlineData(",'status':true", ExpectedStatus + ", got boolean")]
    [InlineData(",'status':['available']", ExpectedStatus + ", got array")]
    [InlineData(",'patientId':'P-1'", "missing status")]
    [InlineData("", "missing status")]
    [InlineData(",'status':'available','status':'available'", "duplicate field status")]
    [InlineData(",'status':'available','patientId':'P 1'", "patientId: 1–64 of A-Z a-z 0-9 - _ .")]
    [InlineData(",'status':'available','patientId':7", "patientId: expected a string, got number")]
    [InlineData(",'status':'available','patientId':'A','patientId':'A'", "duplicate field patientId")]
    public void BadStatusFramesAreRefused(string fields, string expected) =>
        Assert.Equal(expected, Refused(Frame(fields)));

    [Theory]
    [InlineData("{'ts':'2026-11-23T07:37:17Z','status':'available'}", "missing seq")]
    [InlineData("{'seq':1,'status':'available'}", "missing ts")]
    [InlineData("{'seq':1.5,'ts':'2026-11-23T07:37:17Z','status':'available'}", "seq 1.5: expected a non-negative integer")]
    [InlineData("{'seq':1,'ts':12,'status':'available'}", "ts 12: outside the years 2000–2100")]
    public void SeqAndTsAreRequiredAsForVitals(string json, string expected) => Assert.Equal(expected, Refused(J(json)));

    [Fact]
    public void UnknownFieldsAreIgnored() =>
        Assert.Equal(
            Decodes(StatusExample),
            Decodes(J("{'crew':[{'name':'A','role':'medic'},{'name':'B'}],'seq':5,'ts':'2026-11-23T07:37:17.123Z',"
                + "'status':'transporting','destination':{'hospital':'H-1','eta':null},'patientId':'P-7F3A2'}")));

    [Fact]
    public void EveryTruncationIsRefused()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(StatusExample);
        for (int length = 1; length < bytes.Length; length++)
        {
            Assert.StartsWith("invalid JSON at byte ", Refused(Of(bytes[..length])), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void SplitPayloadsDecodeIdentically()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(StatusExample);
        StatusFrame expected = Decodes(Of(bytes));

        for (int cut = 0; cut <= bytes.Length; cut++)
        {
            Assert.Equal(expected, Decodes(Split(bytes, cut)));
        }

        Assert.Equal(expected, Decodes(Chunked(bytes, 1)));
    }
}
