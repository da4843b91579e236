using System.Buffers;
using System.Text;
using Emergency.Domain.Vitals;
using Emergency.Ingest.Decoding;
using static Emergency.Ingest.Tests.Decoding.Payloads;

namespace Emergency.Ingest.Tests.Decoding;

public class VitalsFrameDecoderTests
{
    private static VitalsFrame Decodes(string json) => Decodes(Of(json));

    private static VitalsFrame Decodes(ReadOnlySequence<byte> payload)
    {
        bool ok = VitalsFrameDecoder.TryDecode(payload, out var frame, out var error);
        Assert.True(ok, error);
        Assert.Null(error);
        return frame!;
    }

    private static string Refused(string json) => Refused(Of(json));

    private static string Refused(ReadOnlySequence<byte> payload, int maxPayloadBytes = FrameLimits.DefaultMaxPayloadBytes)
    {
        bool ok = VitalsFrameDecoder.TryDecode(payload, out var frame, out var error, maxPayloadBytes);
        Assert.False(ok);
        Assert.Null(frame);
        Assert.False(string.IsNullOrWhiteSpace(error));
        return error!;
    }

    // ----- valid frames -----

    [Fact]
    public void FullExampleDecodesEveryField()
    {
        VitalsFrame frame = Decodes(VitalsExample);

        Assert.Equal("P-7F3A2", frame.PatientId);
        Assert.Equal(1042, frame.Seq);
        Assert.Equal(ExampleTimestamp, frame.Timestamp);
        Assert.Equal(TimeSpan.Zero, frame.Timestamp.Offset);
        Assert.Equal(
            new VitalSigns(112, 24, 93, 98, 60, 38.4, Acvpu.Alert, true, Spo2Scale.Scale1),
            frame.Vitals);
    }

    [Fact]
    public void SubsetFrameLeavesTheRestAbsent()
    {
        VitalsFrame frame = Decodes(Frame(",'hr':72.5,'spo2':97"));

        Assert.Equal(new VitalSigns(72.5, null, 97, null, null, null, null, null, null), frame.Vitals);
    }

    [Fact]
    public void FrameWithoutAnyVitalIsValidAndEmpty()
    {
        VitalsFrame frame = Decodes(J("{'seq':0,'ts':'2026-11-23T07:37:17Z'}"));

        Assert.Null(frame.PatientId);
        Assert.Equal(0, frame.Seq);
        Assert.True(frame.Vitals.IsEmpty);
    }

    [Fact]
    public void PatientIdMayBeOmittedOrNull()
    {
        Assert.Null(Decodes(Frame(",'hr':80")).PatientId);
        Assert.Null(Decodes(Frame(",'patientId':null,'hr':80")).PatientId);
    }

    [Fact]
    public void NullVitalsMeanAbsent()
    {
        VitalsFrame frame = Decodes(Frame(
            ",'hr':null,'rr':null,'spo2':null,'sbp':null,'dbp':null,'temp':null,'acvpu':null,'o2':null,'spo2Scale':null"));

        Assert.Equal(VitalSigns.Empty, frame.Vitals);
    }

    [Theory]
    [InlineData('A', Acvpu.Alert)]
    [InlineData('C', Acvpu.NewConfusion)]
    [InlineData('V', Acvpu.Voice)]
    [InlineData('P', Acvpu.Pain)]
    [InlineData('U', Acvpu.Unresponsive)]
    public void EachAcvpuLetterDecodes(char letter, Acvpu expected) =>
        Assert.Equal(expected, Decodes(Frame($",'acvpu':'{letter}'")).Vitals.Acvpu);

    [Theory]
    [InlineData(1, Spo2Scale.Scale1)]
    [InlineData(2, Spo2Scale.Scale2)]
    public void Spo2ScaleDecodes(int scale, Spo2Scale expected) =>
        Assert.Equal(expected, Decodes(Frame($",'spo2Scale':{scale}")).Vitals.Spo2Scale);

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void O2Decodes(string json, bool expected) =>
        Assert.Equal(expected, Decodes(Frame($",'o2':{json}")).Vitals.O2);

    [Fact]
    public void WhitespaceAndFieldOrderDoNotMatter()
    {
        VitalsFrame frame = Decodes(J(" \r\n\t{ 'hr' : 112 ,\n 'ts' : '2026-11-23T07:37:17.123Z' ,\n 'seq' : 1042 }\n "));

        Assert.Equal(1042, frame.Seq);
        Assert.Equal(112, frame.Vitals.Hr);
    }

    [Fact]
    public void EscapedNamesAndValuesAreUnescaped()
    {
        VitalsFrame frame = Decodes(Frame(@",'\u0068r':90,'patientId':'P\u002D1','acvpu':'\u0056'"));

        Assert.Equal(90, frame.Vitals.Hr);
        Assert.Equal("P-1", frame.PatientId);
        Assert.Equal(Acvpu.Voice, frame.Vitals.Acvpu);
    }

    [Fact]
    public void PatientIdOfSixtyFourCharactersIsAccepted()
    {
        string id = new('x', 64);
        Assert.Equal(id, Decodes(Frame($",'patientId':'{id}'")).PatientId);
    }

    [Fact]
    public void SeqCoversTheWholeNonNegativeInt64Range()
    {
        Assert.Equal(0, Decodes(J($"{{'seq':0,'ts':'{Ts}'}}")).Seq);
        Assert.Equal(long.MaxValue, Decodes(J($"{{'seq':9223372036854775807,'ts':'{Ts}'}}")).Seq);
        Assert.Equal(0, Decodes(J($"{{'seq':-0,'ts':'{Ts}'}}")).Seq);
    }

    // ----- timestamps -----

    [Theory]
    [InlineData("2026-11-23T07:37:17Z", "2026-11-23T07:37:17.0000000Z")]
    [InlineData("2026-11-23T07:37:17.123Z", "2026-11-23T07:37:17.1230000Z")]
    [InlineData("2026-11-23T07:37:17.1234567Z", "2026-11-23T07:37:17.1234567Z")]
    [InlineData("2026-11-23T07:37Z", "2026-11-23T07:37:00.0000000Z")]
    [InlineData("2026-11-23T07:37:17+00:00", "2026-11-23T07:37:17.0000000Z")]
    [InlineData("2026-11-23T07:37:17-00:00", "2026-11-23T07:37:17.0000000Z")]
    [InlineData("2026-11-23T15:37:17.123+08:00", "2026-11-23T07:37:17.1230000Z")]
    [InlineData("2026-11-23T06:07:17-01:30", "2026-11-23T07:37:17.0000000Z")]
    [InlineData("2026-11-23T07:37:17\\u005A", "2026-11-23T07:37:17.0000000Z")]
    [InlineData("2000-01-01T00:00:00Z", "2000-01-01T00:00:00.0000000Z")]
    [InlineData("2100-12-31T23:59:59.999Z", "2100-12-31T23:59:59.9990000Z")]
    public void IsoTimestampsAreReadAsUtc(string ts, string expectedUtc)
    {
        VitalsFrame frame = Decodes(J($"{{'seq':1,'ts':'{ts}'}}"));

        Assert.Equal(TimeSpan.Zero, frame.Timestamp.Offset);
        Assert.Equal(expectedUtc, frame.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'"));
    }

    [Theory]
    [InlineData(1795419437123L)]
    [InlineData(946684800000L)]
    [InlineData(4133980799999L)]
    public void UnixMillisecondTimestampsAreReadAsUtc(long milliseconds)
    {
        VitalsFrame frame = Decodes(J($"{{'seq':1,'ts':{milliseconds}}}"));

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(milliseconds), frame.Timestamp);
        Assert.Equal(TimeSpan.Zero, frame.Timestamp.Offset);
    }

    [Fact]
    public void UnixMillisecondsAndIsoGiveTheSameInstant() =>
        Assert.Equal(
            Decodes(J("{'seq':1,'ts':'2026-11-23T07:37:17.123Z'}")).Timestamp,
            Decodes(J($"{{'seq':1,'ts':{ExampleTimestamp.ToUnixTimeMilliseconds()}}}")).Timestamp);

    [Theory]
    [InlineData("'2026-11-23T07:37:17'", "ts: ISO 8601 time must end in Z or ±hh:mm")]
    [InlineData("'2026-11-23T07:37:17.123'", "ts: ISO 8601 time must end in Z or ±hh:mm")]
    [InlineData("'2026-11-23'", "ts: ISO 8601 time must end in Z or ±hh:mm")]
    [InlineData("'2026-11-23T07:37:17+08'", "ts: ISO 8601 time must end in Z or ±hh:mm")]
    [InlineData("'2026-11-23T07:37:17+0800'", "ts: ISO 8601 time must end in Z or ±hh:mm")]
    [InlineData("'2026-11-23 07:37:17Z'", "ts: not ISO 8601 UTC or Unix milliseconds")]
    [InlineData("'2026-11-23T25:37:17Z'", "ts: not ISO 8601 UTC or Unix milliseconds")]
    [InlineData("'2026-13-23T07:37:17Z'", "ts: not ISO 8601 UTC or Unix milliseconds")]
    [InlineData("'2026-11-23T07:37:17+15:00'", "ts: not ISO 8601 UTC or Unix milliseconds")]
    [InlineData("'yesterday Z'", "ts: not ISO 8601 UTC or Unix milliseconds")]
    [InlineData("''", "ts: ISO 8601 time must end in Z or ±hh:mm")]
    [InlineData("'1795419437123'", "ts: ISO 8601 time must end in Z or ±hh:mm")]
    [InlineData("true", "ts: not ISO 8601 UTC or Unix milliseconds")]
    [InlineData("null", "ts: not ISO 8601 UTC or Unix milliseconds")]
    [InlineData("{}", "ts: not ISO 8601 UTC or Unix milliseconds")]
    [InlineData("[1795419437123]", "ts: not ISO 8601 UTC or Unix milliseconds")]
    [InlineData("1795419437123.5", "ts 1795419437123.5: Unix milliseconds must be an integer")]
    [InlineData("1.795419437123e12", "ts 1.795419437123e12: Unix milliseconds must be an integer")]
    [InlineData("99999999999999999999", "ts 99999999999999999999: Unix milliseconds must be an integer")]
    [InlineData("0", "ts 0: outside the years 2000–2100")]
    [InlineData("-1795419437123", "ts -1795419437123: outside the years 2000–2100")]
    [InlineData("1795419437", "ts 1795419437: outside the years 2000–2100")]
    [InlineData("946684799999", "ts 946684799999: outside the years 2000–2100")]
    [InlineData("4133980800000", "ts 4133980800000: outside the years 2000–2100")]
    [InlineData("'1999-12-31T23:59:59.999Z'", "ts 1999-12-31T23:59:59.999Z: outside the years 2000–2100")]
    [InlineData("'2000-01-01T00:30:00+01:00'", "ts 1999-12-31T23:30:00Z: outside the years 2000–2100")]
    [InlineData("'2101-01-01T00:00:00Z'", "ts 2101-01-01T00:00:00Z: outside the years 2000–2100")]
    public void BadTimestampsAreRefused(string ts, string expected) =>
        Assert.Equal(expected, Refused(J($"{{'seq':1,'ts':{ts}}}")));

    [Fact]
    public void OverlongTimestampStringIsRefused() =>
        Assert.Equal(FrameReader.NotTimestamp, Refused(J($"{{'seq':1,'ts':'2026-11-23T07:37:17.{new string('1', 80)}Z'}}")));

    // ----- seq -----

    [Theory]
    [InlineData("-1", "seq -1: expected a non-negative integer")]
    [InlineData("1.5", "seq 1.5: expected a non-negative integer")]
    [InlineData("1042.0", "seq 1042.0: expected a non-negative integer")]
    [InlineData("1e3", "seq 1e3: expected a non-negative integer")]
    [InlineData("9223372036854775808", "seq 9223372036854775808: expected a non-negative integer")]
    [InlineData("'1042'", "seq: expected a non-negative integer, got string")]
    [InlineData("null", "seq: expected a non-negative integer, got null")]
    [InlineData("true", "seq: expected a non-negative integer, got boolean")]
    [InlineData("[1]", "seq: expected a non-negative integer, got array")]
    [InlineData("{'n':1}", "seq: expected a non-negative integer, got object")]
    public void BadSeqIsRefused(string seq, string expected) =>
        Assert.Equal(expected, Refused(J($"{{'seq':{seq},'ts':'{Ts}'}}")));

    [Fact]
    public void LongNumbersAreShortenedInReasons() =>
        Assert.Equal(
            $"seq -{new string('9', 31)}…: expected a non-negative integer",
            Refused(J($"{{'seq':-{new string('9', 500)},'ts':'{Ts}'}}")));

    [Fact]
    public void MissingSeqIsRefused() => Assert.Equal("missing seq", Refused(J($"{{'ts':'{Ts}','hr':80}}")));

    [Fact]
    public void MissingTsIsRefused() => Assert.Equal("missing ts", Refused(J("{'seq':1,'hr':80}")));

    [Fact]
    public void EmptyObjectMissesSeq() => Assert.Equal("missing seq", Refused("{}"));

    // ----- vital values -----

    [Theory]
    [InlineData("hr", "0")]
    [InlineData("hr", "350")]
    [InlineData("hr", "349.99")]
    [InlineData("rr", "0")]
    [InlineData("rr", "120")]
    [InlineData("spo2", "0")]
    [InlineData("spo2", "100")]
    [InlineData("spo2", "100.0")]
    [InlineData("sbp", "0")]
    [InlineData("sbp", "350")]
    [InlineData("dbp", "0")]
    [InlineData("dbp", "300")]
    [InlineData("temp", "25")]
    [InlineData("temp", "25.0")]
    [InlineData("temp", "45")]
    [InlineData("temp", "3.84e1")]
    [InlineData("hr", "-0")]
    public void ValuesAtTheRangeEdgesAreAccepted(string field, string value)
    {
        VitalsFrame frame = Decodes(Frame($",'{field}':{value}"));

        double expected = double.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        double? actual = field switch
        {
            "hr" => frame.Vitals.Hr,
            "rr" => frame.Vitals.Rr,
            "spo2" => frame.Vitals.Spo2,
            "sbp" => frame.Vitals.Sbp,
            "dbp" => frame.Vitals.Dbp,
            _ => frame.Vitals.Temp,
        };
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("hr", "350.1", "hr 350.1 outside 0–350")]
    [InlineData("hr", "400", "hr 400 outside 0–350")]
    [InlineData("hr", "-1", "hr -1 outside 0–350")]
    [InlineData("hr", "-0.001", "hr -0.001 outside 0–350")]
    [InlineData("hr", "1e400", "hr 1e400 outside 0–350")]
    [InlineData("hr", "-1e400", "hr -1e400 outside 0–350")]
    [InlineData("rr", "120.5", "rr 120.5 outside 0–120")]
    [InlineData("rr", "-1", "rr -1 outside 0–120")]
    [InlineData("spo2", "100.01", "spo2 100.01 outside 0–100")]
    [InlineData("spo2", "-1", "spo2 -1 outside 0–100")]
    [InlineData("sbp", "351", "sbp 351 outside 0–350")]
    [InlineData("sbp", "-0.5", "sbp -0.5 outside 0–350")]
    [InlineData("dbp", "300.5", "dbp 300.5 outside 0–300")]
    [InlineData("dbp", "-1", "dbp -1 outside 0–300")]
    [InlineData("temp", "24.9", "temp 24.9 outside 25–45")]
    [InlineData("temp", "45.1", "temp 45.1 outside 25–45")]
    [InlineData("temp", "-40", "temp -40 outside 25–45")]
    [InlineData("temp", "384", "temp 384 outside 25–45")]
    public void ImpossibleValuesAreRefused(string field, string value, string expected) =>
        Assert.Equal(expected, Refused(Frame($",'{field}':{value}")));

    [Fact]
    public void OneImpossibleValueRefusesTheWholeFrame() =>
        Assert.Equal("temp 99 outside 25–45", Refused(J(VitalsExample.Replace("38.4", "99", StringComparison.Ordinal))));

    [Theory]
    [InlineData(",'sbp':90,'dbp':120", "dbp 120 exceeds sbp 90")]
    [InlineData(",'dbp':90.5,'sbp':90", "dbp 90.5 exceeds sbp 90")]
    public void DiastolicAboveSystolicIsRefused(string fields, string expected) =>
        Assert.Equal(expected, Refused(Frame(fields)));

    [Theory]
    [InlineData(",'sbp':90,'dbp':90")]
    [InlineData(",'dbp':200")]
    [InlineData(",'sbp':60")]
    [InlineData(",'sbp':null,'dbp':120")]
    public void DiastolicIsOnlyComparedWithAPresentSystolic(string fields) => Decodes(Frame(fields));

    [Theory]
    [InlineData(",'hr':'112'", "hr: expected a number, got string")]
    [InlineData(",'hr':true", "hr: expected a number, got boolean")]
    [InlineData(",'hr':[112]", "hr: expected a number, got array")]
    [InlineData(",'hr':{'v':112}", "hr: expected a number, got object")]
    [InlineData(",'rr':'24'", "rr: expected a number, got string")]
    [InlineData(",'spo2':false", "spo2: expected a number, got boolean")]
    [InlineData(",'sbp':'98'", "sbp: expected a number, got string")]
    [InlineData(",'dbp':[]", "dbp: expected a number, got array")]
    [InlineData(",'temp':'38.4'", "temp: expected a number, got string")]
    [InlineData(",'acvpu':1", "acvpu: expected one of A C V P U, got number")]
    [InlineData(",'acvpu':true", "acvpu: expected one of A C V P U, got boolean")]
    [InlineData(",'acvpu':['A']", "acvpu: expected one of A C V P U, got array")]
    [InlineData(",'acvpu':'X'", "acvpu: expected one of A C V P U")]
    [InlineData(",'acvpu':'a'", "acvpu: expected one of A C V P U")]
    [InlineData(",'acvpu':'AV'", "acvpu: expected one of A C V P U")]
    [InlineData(",'acvpu':''", "acvpu: expected one of A C V P U")]
    [InlineData(",'acvpu':'Alert'", "acvpu: expected one of A C V P U")]
    [InlineData(",'o2':'true'", "o2: expected true or false, got string")]
    [InlineData(",'o2':1", "o2: expected true or false, got number")]
    [InlineData(",'o2':{}", "o2: expected true or false, got object")]
    [InlineData(",'spo2Scale':3", "spo2Scale 3: expected 1 or 2")]
    [InlineData(",'spo2Scale':0", "spo2Scale 0: expected 1 or 2")]
    [InlineData(",'spo2Scale':-1", "spo2Scale -1: expected 1 or 2")]
    [InlineData(",'spo2Scale':1.5", "spo2Scale 1.5: expected 1 or 2")]
    [InlineData(",'spo2Scale':1.0", "spo2Scale 1.0: expected 1 or 2")]
    [InlineData(",'spo2Scale':'1'", "spo2Scale: expected 1 or 2, got string")]
    [InlineData(",'spo2Scale':true", "spo2Scale: expected 1 or 2, got boolean")]
    [InlineData(",'patientId':123", "patientId: expected a string, got number")]
    [InlineData(",'patientId':{}", "patientId: expected a string, got object")]
    [InlineData(",'patientId':''", "patientId: 1–64 of A-Z a-z 0-9 - _ .")]
    [InlineData(",'patientId':'P 1'", "patientId: 1–64 of A-Z a-z 0-9 - _ .")]
    [InlineData(",'patientId':'P+1'", "patientId: 1–64 of A-Z a-z 0-9 - _ .")]
    [InlineData(",'patientId':'P#1'", "patientId: 1–64 of A-Z a-z 0-9 - _ .")]
    [InlineData(",'patientId':'P/1'", "patientId: 1–64 of A-Z a-z 0-9 - _ .")]
    [InlineData(",'patientId':'Pé1'", "patientId: 1–64 of A-Z a-z 0-9 - _ .")]
    [InlineData(",'patientId':'P\\n1'", "patientId: 1–64 of A-Z a-z 0-9 - _ .")]
    [InlineData(",'patientId':'P\\u0000'", "patientId: 1–64 of A-Z a-z 0-9 - _ .")]
    [InlineData(",'patientId':'\\uD800'", "patientId: 1–64 of A-Z a-z 0-9 - _ .")]
    public void WrongTypesAndValuesAreRefused(string fields, string expected) =>
        Assert.Equal(expected, Refused(Frame(fields)));

    [Fact]
    public void PatientIdOfSixtyFiveCharactersIsRefused() =>
        Assert.Equal("patientId: 1–64 of A-Z a-z 0-9 - _ .", Refused(Frame($",'patientId':'{new string('x', 65)}'")));

    [Fact]
    public void PatientIdWithInvalidUtf8IsRefused()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(Frame(",'patientId':'P-__'"));
        int at = Array.IndexOf(bytes, (byte)'_');
        bytes[at] = 0xC3;
        bytes[at + 1] = 0x28;

        Assert.Equal("patientId: 1–64 of A-Z a-z 0-9 - _ .", Refused(Of(bytes)));
    }

    // ----- duplicates and unknown fields -----

    [Theory]
    [InlineData(",'hr':80,'hr':80", "duplicate field hr")]
    [InlineData(",'hr':null,'hr':80", "duplicate field hr")]
    [InlineData(",'hr':80,'\\u0068r':81", "duplicate field hr")]
    [InlineData(",'seq':2", "duplicate field seq")]
    [InlineData(",'ts':'2026-11-23T07:37:18Z'", "duplicate field ts")]
    [InlineData(",'patientId':'A','patientId':'A'", "duplicate field patientId")]
    [InlineData(",'acvpu':'A','acvpu':'C'", "duplicate field acvpu")]
    [InlineData(",'o2':true,'o2':true", "duplicate field o2")]
    [InlineData(",'spo2Scale':1,'spo2Scale':2", "duplicate field spo2Scale")]
    [InlineData(",'temp':37,'x':1,'temp':37", "duplicate field temp")]
    public void DuplicateKnownFieldsAreRefused(string fields, string expected) =>
        Assert.Equal(expected, Refused(Frame(fields)));

    [Theory]
    [InlineData(",'firmware':'1.2.3'")]
    [InlineData(",'battery':87,'battery':86")]
    [InlineData(",'HR':400,'Seq':-1,'TS':'x'")]
    [InlineData(",'note':null,'flag':true,'other':false")]
    [InlineData(",'meta':{'a':{'b':[1,2,{'c':[[],{}]}]},'d':'e'}")]
    [InlineData(",'samples':[[1,2],[3,4],[],[[[]]]]")]
    [InlineData(",'':1")]
    [InlineData(",'\\uD800':1")]
    [InlineData(",'h\\u00e9':'caf\\u00e9 ☕'")]
    [InlineData(",'hr2':'x','h':'y','hrr':{}")]
    public void UnknownFieldsAreIgnored(string unknown)
    {
        VitalsFrame plain = Decodes(Frame(",'hr':80,'acvpu':'A'"));

        Assert.Equal(plain, Decodes(Frame(",'hr':80" + unknown + ",'acvpu':'A'")));
        Assert.Equal(plain, Decodes(Frame(unknown + ",'hr':80,'acvpu':'A'")));
        Assert.Equal(plain, Decodes(J("{" + unknown.TrimStart(',') + $",'seq':1,'ts':'{Ts}','hr':80,'acvpu':'A'}}")));
    }

    [Fact]
    public void UnknownLongNameIsIgnored() =>
        Assert.Equal(80, Decodes(Frame($",'{new string('h', 5000)}':1,'hr':80")).Vitals.Hr);

    [Fact]
    public void NestingUpToTheLimitIsSkipped()
    {
        // The frame object is level 1, so the unknown value may open 15 more levels.
        string value = new string('[', FrameLimits.MaxDepth - 1) + new string(']', FrameLimits.MaxDepth - 1);

        Assert.Equal(1, Decodes(Frame($",'junk':{value}")).Seq);
    }

    [Fact]
    public void NestingBeyondTheLimitIsRefused()
    {
        string value = new string('[', FrameLimits.MaxDepth) + new string(']', FrameLimits.MaxDepth);

        Assert.StartsWith("nested too deep", Refused(Frame($",'junk':{value}")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[")]
    [InlineData("{'a':")]
    [InlineData("[{'a':")]
    public void TenThousandOpeningBracketsAreRefusedAsTooDeep(string opener)
    {
        string junk = string.Concat(Enumerable.Repeat(J(opener), 10_000));

        Assert.StartsWith("nested too deep", Refused(Frame($",'junk':{junk}")), StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidUtf8InAnUnknownFieldIsRefused()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(Frame(",'note':'ab'"));
        bytes[Array.IndexOf(bytes, (byte)'a', bytes.Length - 6)] = 0xFF;

        Assert.Matches("^invalid JSON at byte [0-9]+: string is not valid UTF-8$", Refused(Of(bytes)));
    }

    // ----- not JSON, or not a frame -----

    [Theory]
    [InlineData("hello", "invalid JSON at byte 0")]
    [InlineData("{", "invalid JSON at byte 1")]
    [InlineData("{]", "invalid JSON at byte 1")]
    [InlineData("{\"seq\":1,}", "invalid JSON at byte 9")]
    [InlineData("{'seq':1}", "invalid JSON at byte 1")]
    [InlineData("{\"seq\":1 \"ts\":2}", "invalid JSON at byte 9")]
    [InlineData("{\"seq\":01}", "invalid JSON at byte 8")]
    [InlineData("{\"seq\":NaN}", "invalid JSON at byte 7")]
    [InlineData("{\"seq\":Infinity}", "invalid JSON at byte 7")]
    [InlineData("{\"hr\":112} // note", "invalid JSON at byte 11")]
    [InlineData("{} {}", "invalid JSON at byte 3")]
    [InlineData("{}x", "invalid JSON at byte 2")]
    [InlineData("   ", "invalid JSON at byte 3")]
    [InlineData("\0", "invalid JSON at byte 0")]
    [InlineData("\uFEFF{}", "invalid JSON at byte 0")]
    [InlineData("{\"patientId\":\"P-7F3A2\",\"seq\":1042,\"hr\":x}", "invalid JSON at byte 39")]
    [InlineData("{\n\"seq\":1,\n x}", "invalid JSON at byte 12")]
    [InlineData("{\"seq\":1,\"ts\":\"2026-11-23T07:37:17Z\",\"note\":\"a\tb\"}", "invalid JSON at byte 46")]
    public void InvalidJsonIsRefusedWithItsPosition(string payload, string expected) =>
        Assert.Equal(expected, Refused(payload));

    [Theory]
    [InlineData("[]", "top-level JSON value must be an object, got array")]
    [InlineData("[{\"seq\":1}]", "top-level JSON value must be an object, got array")]
    [InlineData("\"hr\"", "top-level JSON value must be an object, got string")]
    [InlineData("112", "top-level JSON value must be an object, got number")]
    [InlineData("true", "top-level JSON value must be an object, got boolean")]
    [InlineData("null", "top-level JSON value must be an object, got null")]
    public void TopLevelValueMustBeAnObject(string payload, string expected) =>
        Assert.Equal(expected, Refused(payload));

    [Fact]
    public void EveryTruncationOfTheExampleIsRefused()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(VitalsExample);
        Assert.Equal("empty payload", Refused(Of(bytes[..0])));

        for (int length = 1; length < bytes.Length; length++)
        {
            string error = Refused(Of(bytes[..length]));
            Assert.StartsWith("invalid JSON at byte ", error, StringComparison.Ordinal);
        }
    }

    // ----- limits -----

    [Fact]
    public void EmptyPayloadIsRefused() => Assert.Equal("empty payload", Refused(ReadOnlySequence<byte>.Empty));

    [Fact]
    public void OneMegabytePayloadIsRefusedBeforeParsing()
    {
        // Valid JSON apart from its size, so only the limit can refuse it.
        string padding = new(' ', 1_048_576 - VitalsExample.Length);

        Assert.Equal("payload 1048576 bytes exceeds limit 65536", Refused(Of(VitalsExample + padding)));
    }

    [Fact]
    public void PayloadLimitIsAParameter()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(VitalsExample);

        Assert.True(VitalsFrameDecoder.TryDecode(Of(bytes), out _, out _, maxPayloadBytes: bytes.Length));
        Assert.Equal(
            $"payload {bytes.Length} bytes exceeds limit {bytes.Length - 1}",
            Refused(Of(bytes), maxPayloadBytes: bytes.Length - 1));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void NonPositiveLimitIsAProgrammingError(int limit) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => VitalsFrameDecoder.TryDecode(Of(VitalsExample), out _, out _, limit));

    // ----- multi-segment payloads -----

    [Fact]
    public void ExampleSplitInTwoAtEveryPositionDecodesIdentically()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(VitalsExample);
        VitalsFrame expected = Decodes(Of(bytes));

        for (int cut = 0; cut <= bytes.Length; cut++)
        {
            ReadOnlySequence<byte> payload = Split(bytes, cut);
            Assert.False(cut > 0 && cut < bytes.Length && payload.IsSingleSegment);
            Assert.Equal(expected, Decodes(payload));
        }
    }

    [Fact]
    public void ExampleSplitInThreeAtEveryPairOfPositionsDecodesIdentically()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(VitalsExample);
        VitalsFrame expected = Decodes(Of(bytes));

        for (int first = 1; first < bytes.Length; first++)
        {
            for (int second = first; second < bytes.Length; second++)
            {
                Assert.Equal(expected, Decodes(Split(bytes, first, second)));
            }
        }
    }

    [Fact]
    public void ExampleInOneByteSegmentsDecodesIdentically()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(VitalsExample);

        Assert.Equal(Decodes(Of(bytes)), Decodes(Chunked(bytes, 1)));
    }

    [Fact]
    public void EscapedValuesSplitAcrossSegmentsDecodeIdentically()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(Frame(@",'\u0068r':90,'patientId':'P\u002D1','acvpu':'\u0056','note':'caf\u00e9 ☕'"));
        VitalsFrame expected = Decodes(Of(bytes));

        for (int cut = 1; cut < bytes.Length; cut++)
        {
            Assert.Equal(expected, Decodes(Split(bytes, cut)));
        }
    }

    [Fact]
    public void RefusalsAreTheSameForSplitPayloads()
    {
        string[] frames = [Frame(",'hr':400"), Frame(",'patientId':'P 1'"), Frame(",'acvpu':'a'"), Frame(",'hr':1,'hr':1")];
        foreach (string frame in frames)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(frame);
            string expected = Refused(Of(bytes));
            for (int cut = 1; cut < bytes.Length; cut++)
            {
                Assert.Equal(expected, Refused(Split(bytes, cut)));
            }
        }
    }

    [Fact]
    public void TruncationsAreRefusedAlikeWhenSplit()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(VitalsExample);
        for (int length = 2; length < bytes.Length; length += 7)
        {
            byte[] truncated = bytes[..length];
            string expected = Refused(Of(truncated));
            Assert.Equal(expected, Refused(Chunked(truncated, 3)));
        }
    }

    // ----- allocations -----

    [Fact]
    public void SuccessAllocatesOnlyTheFrame()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(VitalsExample);
        ReadOnlySequence<byte> single = Of(bytes);
        ReadOnlySequence<byte> segmented = Chunked(bytes, 16);
        ReadOnlySequence<byte> bytewise = Chunked(bytes, 1);
        string id = "P-7F3A2";
        var vitals = new VitalSigns(112, 24, 93, 98, 60, 38.4, Acvpu.Alert, true, Spo2Scale.Scale1);

        // The patient id comes from the id pool: a repeated frame allocates no new string for it.
        long frameOnly = AllocatedPerCall(() => _ = new VitalsFrame(id, 1042, ExampleTimestamp, vitals));

        Assert.Equal(frameOnly, AllocatedPerCall(() => VitalsFrameDecoder.TryDecode(single, out _, out _)));
        Assert.Equal(frameOnly, AllocatedPerCall(() => VitalsFrameDecoder.TryDecode(segmented, out _, out _)));
        Assert.Equal(frameOnly, AllocatedPerCall(() => VitalsFrameDecoder.TryDecode(bytewise, out _, out _)));
    }

    /// <summary>Steady-state bytes allocated by one call: warmed up past tiered compilation, best of several runs.</summary>
    private static long AllocatedPerCall(Action action)
    {
        const int Rounds = 1000;
        for (int i = 0; i < 5 * Rounds; i++)
        {
            action();
        }

        long best = long.MaxValue;
        for (int attempt = 0; attempt < 5; attempt++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < Rounds; i++)
            {
                action();
            }

            best = Math.Min(best, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return best / Rounds;
    }
}
