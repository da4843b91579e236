using System.Text;
using Emergency.Domain.Devices;
using Emergency.Ingest.Decoding;

namespace Emergency.Ingest.Tests.Decoding;

public class TopicParserTests
{
    private const string IdRule = "1–64 of A-Z a-z 0-9 - _ .";

    private static string Refused(string topic)
    {
        Assert.False(TopicParser.TryParse(topic, out DeviceTopic parsed, out string? error));
        Assert.Equal(default, parsed);
        Assert.False(string.IsNullOrWhiteSpace(error));
        return error!;
    }

    [Theory]
    [InlineData("ems/eu-west/ambulance/AMB-12/vitals", "eu-west", DeviceKind.Ambulance, "AMB-12", TopicChannel.Vitals)]
    [InlineData("ems/eu-west/ambulance/AMB-12/position", "eu-west", DeviceKind.Ambulance, "AMB-12", TopicChannel.Position)]
    [InlineData("ems/eu-west/ambulance/AMB-12/status", "eu-west", DeviceKind.Ambulance, "AMB-12", TopicChannel.Status)]
    [InlineData("ems/eu-west/ambulance/AMB-12/context", "eu-west", DeviceKind.Ambulance, "AMB-12", TopicChannel.Context)]
    [InlineData("ems/cn.sh_01/wearable/w.9_x-Y/vitals", "cn.sh_01", DeviceKind.Wearable, "w.9_x-Y", TopicChannel.Vitals)]
    [InlineData("ems/r/wearable/0/vitals", "r", DeviceKind.Wearable, "0", TopicChannel.Vitals)]
    public void ValidTopicsParse(string topic, string region, DeviceKind kind, string id, TopicChannel channel)
    {
        Assert.True(TopicParser.TryParse(topic, out DeviceTopic parsed, out string? error), error);

        Assert.Null(error);
        Assert.Equal(new DeviceTopic(region, kind, id, channel), parsed);
    }

    [Fact]
    public void IdsOfSixtyFourCharactersAreAccepted()
    {
        string region = new('R', 64);
        string id = new('9', 64);

        Assert.True(TopicParser.TryParse($"ems/{region}/ambulance/{id}/vitals", out DeviceTopic parsed, out _));
        Assert.Equal(region, parsed.Region);
        Assert.Equal(id, parsed.DeviceId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ems")]
    [InlineData("ems/")]
    [InlineData("EMS/eu/ambulance/A1/vitals")]
    [InlineData("emz/eu/ambulance/A1/vitals")]
    [InlineData("ems1/eu/ambulance/A1/vitals")]
    [InlineData("/ems/eu/ambulance/A1/vitals")]
    [InlineData("ems/eu/ambulance/A1/vitals/")]
    [InlineData("ems/eu/ambulance/A1")]
    [InlineData("ems/eu/ambulance")]
    [InlineData("ems/eu/ambulance/A1/vitals/extra")]
    [InlineData("ems/eu/ambulance/A1/vitals/extra/more/and/more")]
    [InlineData("ems/eu/ambulance/A/1/vitals")]
    [InlineData("ems/eu/drone/A1/vitals")]
    [InlineData("ems/eu/Ambulance/A1/vitals")]
    [InlineData("ems/eu/ambulances/A1/vitals")]
    [InlineData("ems/eu/ambulance/A1/Vitals")]
    [InlineData("ems/eu/ambulance/A1/heartbeat")]
    [InlineData("ems/eu/ambulance/A1/")]
    [InlineData("ems/eu/ambulance/A1/+")]
    [InlineData("ems/eu/ambulance/A1/#")]
    [InlineData("ems/+/ambulance/+/vitals/#")]
    public void MalformedTopicsAreRefused(string topic) =>
        Assert.Equal("topic must be ems/{region}/{ambulance|wearable}/{id}/{vitals|position|status|context|ecg}", Refused(topic));

    [Fact]
    public void NullTopicIsRefused() => Assert.Equal(TopicParser.FormatError, Refused(null!));

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("eu west")]
    [InlineData("+")]
    [InlineData("#")]
    [InlineData("eu+")]
    [InlineData("eu#")]
    [InlineData("eu\u00e9")]
    [InlineData("eu\0")]
    [InlineData("eu\t")]
    [InlineData("eu:1")]
    [InlineData("eu*")]
    public void BadRegionsAreRefused(string region) =>
        Assert.Equal("region: " + IdRule, Refused($"ems/{region}/ambulance/A1/vitals"));

    [Fact]
    public void RegionOfSixtyFiveCharactersIsRefused() =>
        Assert.Equal("region: " + IdRule, Refused($"ems/{new string('r', 65)}/ambulance/A1/vitals"));

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("A 1")]
    [InlineData("+")]
    [InlineData("#")]
    [InlineData("A+1")]
    [InlineData("A#1")]
    [InlineData("A\u00c51")]
    [InlineData("A1 ")]
    public void BadUnitAndDeviceIdsAreRefused(string id)
    {
        Assert.Equal("unitId: " + IdRule, Refused($"ems/eu/ambulance/{id}/vitals"));
        Assert.Equal("deviceId: " + IdRule, Refused($"ems/eu/wearable/{id}/vitals"));
    }

    [Fact]
    public void IdOfSixtyFiveCharactersIsRefused()
    {
        string id = new('a', 65);

        Assert.Equal("unitId: " + IdRule, Refused($"ems/eu/ambulance/{id}/status"));
        Assert.Equal("deviceId: " + IdRule, Refused($"ems/eu/wearable/{id}/vitals"));
    }

    [Fact]
    public void SlashInAnIdChangesTheShapeAndIsRefused() =>
        Assert.Equal(TopicParser.FormatError, Refused("ems/eu/ambulance/A/1/vitals"));

    [Theory]
    [InlineData("ems/eu/wearable/W1/position")]
    [InlineData("ems/eu/wearable/W1/status")]
    [InlineData("ems/eu/wearable/W1/context")]
    public void WearablesPublishOnlyVitals(string topic) =>
        Assert.Equal("wearables publish only vitals", Refused(topic));

    [Theory]
    [InlineData("ems/eu/rejects/W1")]
    [InlineData("ems/eu/rejects/A1/vitals")]
    [InlineData("ems/eu/rejects/")]
    [InlineData("ems/eu/rejects")]
    public void TheRejectsTopicIsRefused(string topic) =>
        Assert.Equal(TopicParser.RejectsTopicError, Refused(topic));

    // ----- reject address -----

    [Theory]
    [InlineData("ems/eu/ambulance/A1/vitals", "eu", "A1")]
    [InlineData("ems/eu/wearable/W1/position", "eu", "W1")]
    [InlineData("ems/eu/ambulance/A1/heartbeat", "eu", "A1")]
    [InlineData("ems/eu/ambulance/A1/", "eu", "A1")]
    [InlineData("ems/eu/ambulance/A1", "eu", "A1")]
    [InlineData("ems/eu/drone/D-7/vitals", "eu", "D-7")]
    [InlineData("ems/eu/ambulance/A1/vitals/extra/segments", "eu", "A1")]
    public void RejectAddressIsFoundInPartlyValidTopics(string topic, string region, string deviceId)
    {
        Assert.True(TopicParser.TryGetRejectAddress(topic, out string? foundRegion, out string? foundId));

        Assert.Equal(region, foundRegion);
        Assert.Equal(deviceId, foundId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ems")]
    [InlineData("ems/eu/ambulance")]
    [InlineData("EMS/eu/ambulance/A1/vitals")]
    [InlineData("/ems/eu/ambulance/A1/vitals")]
    [InlineData("ems//ambulance/A1/vitals")]
    [InlineData("ems/eu west/ambulance/A1/vitals")]
    [InlineData("ems/eu/ambulance//vitals")]
    [InlineData("ems/eu/ambulance/A+1/vitals")]
    [InlineData("ems/eu/ambulance/#/vitals")]
    [InlineData("ems/eu/rejects/A1")]
    [InlineData("ems/eu/rejects/A1/vitals")]
    public void RejectAddressIsNotFoundWithoutValidRegionAndId(string topic)
    {
        Assert.False(TopicParser.TryGetRejectAddress(topic, out string? region, out string? deviceId));

        Assert.Null(region);
        Assert.Null(deviceId);
    }

    [Fact]
    public void RejectAddressIsNotFoundForAnOverlongId() =>
        Assert.False(TopicParser.TryGetRejectAddress($"ems/eu/ambulance/{new string('a', 65)}/vitals", out _, out _));

    [Fact]
    public void RejectTopicIsBuiltFromRegionAndDeviceId() =>
        Assert.Equal("ems/eu-west/rejects/AMB-12", TopicParser.RejectTopic("eu-west", "AMB-12"));

    [Fact]
    public void RejectTopicOfAFoundAddressIsRefusedAsADeviceTopic()
    {
        Assert.True(TopicParser.TryGetRejectAddress("ems/eu/wearable/W1/status", out string? region, out string? deviceId));

        string rejects = TopicParser.RejectTopic(region, deviceId);

        Assert.Equal("ems/eu/rejects/W1", rejects);
        Assert.Equal(TopicParser.RejectsTopicError, Refused(rejects));
        Assert.False(TopicParser.TryGetRejectAddress(rejects, out _, out _));
    }

    [Theory]
    [InlineData("", "A1")]
    [InlineData("eu", "")]
    [InlineData("eu/x", "A1")]
    [InlineData("eu", "A1/vitals")]
    [InlineData("eu", "#")]
    [InlineData("+", "A1")]
    public void RejectTopicRefusesInvalidParts(string region, string deviceId) =>
        Assert.Throws<ArgumentException>(() => TopicParser.RejectTopic(region, deviceId));

    // ----- the shared id rule -----

    [Fact]
    public void IdRuleIsTheSameForCharactersAndUtf8Bytes()
    {
        for (int c = 0; c < 256; c++)
        {
            bool allowed = c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_' or '.';
            Assert.Equal(allowed, DeviceIds.IsValid([(char)c]));
            Assert.Equal(allowed, DeviceIds.IsValid([(byte)c]));
        }
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(64, true)]
    [InlineData(65, false)]
    public void IdLengthIsOneToSixtyFour(int length, bool valid)
    {
        string id = new('a', length);

        Assert.Equal(valid, DeviceIds.IsValid(id));
        Assert.Equal(valid, DeviceIds.IsValid(Encoding.ASCII.GetBytes(id)));
    }

    [Fact]
    public void NonAsciiIsNotAnId()
    {
        Assert.False(DeviceIds.IsValid("\u00c5"));
        Assert.False(DeviceIds.IsValid(Encoding.UTF8.GetBytes("\u00c5")));
        Assert.False(DeviceIds.IsValid("\uff21"));
    }
}
