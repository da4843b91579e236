using CsCheck;
using Emergency.Domain.Devices;
using Emergency.Ingest.Decoding;
using Xunit.Abstractions;

namespace Emergency.Ingest.Tests.Fuzzing;

/// <summary>
/// <see cref="TopicParser"/> under generated topics: any number of levels, empty levels, MQTT wildcards, unicode,
/// very long levels, near-misses of every keyword. No exception escapes; an accepted topic is exactly
/// <c>ems/{region}/{kind}/{id}/{channel}</c> with valid ids; the reject address never throws either.
/// </summary>
public sealed class TopicParserFuzzTests(ITestOutputHelper output)
{
    private static readonly string[] Words =
    [
        "ems", "EMS", "em", "sh", "bj", "ambulance", "Ambulance", "wearable", "rejects", "AMB-01", "W-0001", "vitals",
        "position", "status", "context", "Vitals", "+", "#", "", " ", "a b", "é", "\u0000", "\U0001F691", "\uD800", "..",
        ".", "-", "_", "$SYS", "ems/", "/", "x", new string('a', 64), new string('a', 65), new string('z', 5000),
    ];

    private static readonly Gen<string> Level = Gen.Frequency(
        (6, Gen.OneOf(Words)),
        (2, Gen.String[Gen.Char["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."], 0, 70]),
        (1, Gen.String[Gen.Char, 0, 20]));

    private static readonly Gen<string> Topic = Gen.Frequency(
        (3, Level.Array[0, 8].Select(levels => string.Join('/', levels))),
        (3, Gen.Select(Level, Level, Level, Level, Level, (a, b, c, d, e) => string.Join('/', "ems", b, c is "" ? a : c, d, e))),
        (1, Gen.String[0, 300]));

    [Fact]
    public void Random_topics_are_parsed_to_their_own_levels_or_refused_with_a_reason()
    {
        long accepted = 0;
        long inputs = FuzzRunner.Run(output, "TopicParser.random-topics", Topic, 150_000, topic =>
        {
            if (TopicParser.TryParse(topic, out var parsed, out var error))
            {
                accepted++;
                Assert.Null(error);
                Assert.True(DeviceIds.IsValid(parsed.Region) && DeviceIds.IsValid(parsed.DeviceId));
                var kind = parsed.Kind == DeviceKind.Ambulance ? "ambulance" : "wearable";
                Assert.Equal($"ems/{parsed.Region}/{kind}/{parsed.DeviceId}/{parsed.Channel.ToString().ToLowerInvariant()}", topic);
                Assert.True(parsed.Kind == DeviceKind.Ambulance || parsed.Channel == TopicChannel.Vitals);
            }
            else
            {
                Assert.False(string.IsNullOrWhiteSpace(error));
            }

            if (TopicParser.TryGetRejectAddress(topic, out var region, out var deviceId))
            {
                // Building the reject topic from what was found must never throw nor change the topic's shape.
                Assert.Equal(4, TopicParser.RejectTopic(region, deviceId).Split('/').Length);
            }
        }, t => t.Length > 200 ? t[..200] + $"… ({t.Length} chars)" : t);

        output.WriteLine($"  accepted {accepted:N0}, refused {inputs - accepted:N0}");
        Assert.InRange(accepted, 1, inputs - 1);
    }
}
