using Emergency.Domain.Patients;
using Emergency.Ingest.Decoding;
using static Emergency.Ingest.Tests.Decoding.Payloads;

namespace Emergency.Ingest.Tests.Decoding;

public class ContextFrameDecoderTests
{
    private const string Example =
        """{"seq":7,"ts":"2026-11-23T07:37:17.123Z","patientId":"P-7F3A2","ageYears":67,"sex":"F","pregnant":false,"hypercapnicRespiratoryFailure":true,"condition":"trauma","lvoSuspected":false,"traumaRedCriteria":["penetrating-torso"]}""";

    private static ContextFrame Decodes(string json)
    {
        bool ok = ContextFrameDecoder.TryDecode(Of(json), out var frame, out var error);
        Assert.True(ok, error);
        Assert.Null(error);
        return frame!;
    }

    private static string Refused(string json)
    {
        bool ok = ContextFrameDecoder.TryDecode(Of(json), out var frame, out var error);
        Assert.False(ok);
        Assert.Null(frame);
        Assert.False(string.IsNullOrWhiteSpace(error));
        return error!;
    }

    [Fact]
    public void FullExampleDecodes()
    {
        var frame = Decodes(Example);

        Assert.Equal(7, frame.Seq);
        Assert.Equal(ExampleTimestamp, frame.Timestamp);
        Assert.Equal("P-7F3A2", frame.PatientId);
        Assert.Equal(67, frame.Context.AgeYears);
        Assert.Equal("female", frame.Context.Sex);   // the crew's short form, as the API takes it
        Assert.False(frame.Context.Pregnant);
        Assert.True(frame.Context.HypercapnicRespiratoryFailure);
        Assert.Equal(ConditionCategory.Trauma, frame.Context.Condition);
        Assert.Equal(["penetrating-torso"], frame.Context.TraumaRedCriteria.ToArray());
    }

    [Fact]
    public void Unix_millisecond_time_without_a_patient_and_with_unknown_fields_decodes()
    {
        var frame = Decodes("""{"seq":1,"ts":1795419437123,"ageYears":12,"crewNote":{"free":"text"}}""");

        Assert.Null(frame.PatientId);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795419437123), frame.Timestamp);
        Assert.Equal(12, frame.Context.AgeYears);
        Assert.Null(frame.Context.Condition);
    }

    [Theory]
    [InlineData("""{"ts":"2026-11-23T07:37:17Z","ageYears":40}""", "missing seq")]
    [InlineData("""{"seq":1,"ageYears":40}""", "missing ts")]
    [InlineData("""{"seq":-1,"ts":"2026-11-23T07:37:17Z"}""", "seq")]
    [InlineData("""{"seq":"1","ts":"2026-11-23T07:37:17Z"}""", "seq")]
    [InlineData("""{"seq":1,"ts":"yesterday"}""", "ts")]
    [InlineData("""{"seq":1,"ts":"2026-11-23T07:37:17Z","ageYears":"67"}""", "ageYears: expected a whole number of years")]
    [InlineData("""{"seq":1,"ts":"2026-11-23T07:37:17Z","ageYears":67.5}""", "ageYears: expected a whole number of years")]
    [InlineData("""{"seq":1,"ts":"2026-11-23T07:37:17Z","pregnant":"no"}""", "pregnant: expected true or false")]
    [InlineData("""{"seq":1,"ts":"2026-11-23T07:37:17Z","traumaRedCriteria":"fall"}""", "traumaRedCriteria: expected an array of strings")]
    [InlineData("""{"seq":1,"ts":"2026-11-23T07:37:17Z","condition":"flu"}""", "condition: one of trauma")]
    [InlineData("""{"seq":1,"ts":"2026-11-23T07:37:17Z","ageYears":131}""", "ageYears")]
    [InlineData("""{"seq":1,"ts":"2026-11-23T07:37:17Z","patientId":"P 1"}""", "patientId: 1–64 of")]
    [InlineData("""{"seq":1,"ts":"2026-11-23T07:37:17Z","seq":2}""", "duplicate field")]
    public void Bad_fields_are_refused_naming_the_field(string json, string reason) =>
        Assert.StartsWith(reason, Refused(json), StringComparison.Ordinal);

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"seq":1,"ts":"2026-11-23T07:37:17Z",""")]
    [InlineData("[1,2]")]
    [InlineData("null")]
    [InlineData("")]
    public void Not_a_json_object_is_refused(string json) => Refused(json);

    [Fact]
    public void Deeply_nested_junk_is_refused()
    {
        var junk = string.Concat(Enumerable.Repeat("[", 64)) + string.Concat(Enumerable.Repeat("]", 64));
        Refused($$"""{"seq":1,"ts":"2026-11-23T07:37:17Z","junk":{{junk}}}""");
    }

    [Fact]
    public void An_oversize_payload_is_refused_before_parsing()
    {
        var big = new string(' ', FrameLimits.DefaultMaxPayloadBytes) + "{}";
        Assert.StartsWith("payload", Refused(big), StringComparison.Ordinal);
    }
}
