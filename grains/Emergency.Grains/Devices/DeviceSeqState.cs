using Emergency.Domain.Devices;

namespace Emergency.Grains.Devices;

/// <summary>A device's stored seq record and patient binding. Add members with new ids; never reuse one.</summary>
[GenerateSerializer, Alias("Emergency.DeviceSeqState")]
public sealed class DeviceSeqState
{
    [Id(0)] public SeqTracker Seq { get; set; } = new();
    [Id(1)] public DateTimeOffset? NewestFrameAt { get; set; }
    [Id(2)] public DateTimeOffset? SequenceStartedAt { get; set; }
    [Id(3)] public long SeqRestarts { get; set; }
    [Id(4)] public string? BoundPatientId { get; set; }
}
