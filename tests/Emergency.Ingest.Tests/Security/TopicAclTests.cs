using Emergency.Domain.Devices;
using Emergency.Ingest.Security;

namespace Emergency.Ingest.Tests.Security;

public sealed class TopicAclTests
{
    private static readonly DeviceRecord Ambulance = Devices.Record("AMB-01", DeviceKind.Ambulance, "sh");
    private static readonly DeviceRecord Wearable = Devices.Record("W-0001", DeviceKind.Wearable, "sh");

    [Theory]
    [InlineData("ems/sh/ambulance/AMB-01/vitals")]
    [InlineData("ems/sh/ambulance/AMB-01/position")]
    [InlineData("ems/sh/ambulance/AMB-01/status")]
    [InlineData("ems/sh/ambulance/AMB-01/context")]
    // The ACL only says whose topic it is; the topic parser then refuses a bad shape (TopicNameInvalid).
    [InlineData("ems/sh/ambulance/AMB-01/unknown/extra")]
    public void Ambulance_may_publish_under_its_own_prefix(string topic) =>
        Assert.True(TopicAcl.MayPublish(Ambulance, topic, out _));

    [Theory]
    [InlineData("ems/sh/ambulance/AMB-02/vitals")]    // another unit
    [InlineData("ems/sh/ambulance/AMB-011/vitals")]   // a prefix of another id is not this id
    [InlineData("ems/sh/ambulance/AMB-0/vitals")]
    [InlineData("ems/bj/ambulance/AMB-01/vitals")]    // another region
    [InlineData("ems/sh/wearable/AMB-01/vitals")]     // another kind
    [InlineData("ems/SH/ambulance/AMB-01/vitals")]    // topics are case-sensitive
    [InlineData("ems/sh/ambulance/amb-01/vitals")]
    [InlineData("ems/sh/rejects/AMB-01")]             // the service's topic
    [InlineData("ems/sh/ambulance/AMB-01")]           // no channel: not under the prefix
    [InlineData("ems/sh/ambulance/+/vitals")]
    [InlineData("")]
    public void Ambulance_may_not_publish_elsewhere(string topic)
    {
        Assert.False(TopicAcl.MayPublish(Ambulance, topic, out var reason));
        Assert.Equal("device AMB-01 publishes only under ems/sh/ambulance/AMB-01/", reason);
    }

    [Fact]
    public void Wearable_prefix_uses_its_kind() =>
        Assert.Equal("ems/sh/wearable/W-0001/", TopicAcl.PublishPrefix(Wearable));

    [Fact]
    public void Device_may_subscribe_to_its_own_rejects_topic() =>
        Assert.True(TopicAcl.MaySubscribe(Ambulance, "ems/sh/rejects/AMB-01", out _));

    [Theory]
    [InlineData("ems/sh/rejects/AMB-02")]
    [InlineData("ems/sh/rejects/+")]
    [InlineData("ems/sh/rejects/#")]
    [InlineData("ems/+/rejects/AMB-01")]
    [InlineData("#")]
    [InlineData("ems/sh/ambulance/AMB-01/vitals")]
    [InlineData("ems/bj/rejects/AMB-01")]
    public void Device_may_not_subscribe_to_anything_else(string filter)
    {
        Assert.False(TopicAcl.MaySubscribe(Ambulance, filter, out var reason));
        Assert.Equal("device AMB-01 subscribes only to ems/sh/rejects/AMB-01", reason);
    }
}
