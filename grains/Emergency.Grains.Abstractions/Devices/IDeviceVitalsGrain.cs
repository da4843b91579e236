using System.Collections.Immutable;
using Emergency.Domain.Vitals;

namespace Emergency.Grains.Devices;

/// <summary>The vitals path shared by every kind of device grain.</summary>
[Alias("Emergency.IDeviceVitalsGrain")]
public interface IDeviceVitalsGrain : IGrainWithStringKey
{
    /// <summary>
    /// Applies a batch of vitals frames from this device, in the order received. Duplicates (by <c>seq</c>) are
    /// ignored; frames without a patient id go to the patient the device is bound to, or are refused if it has none.
    /// Returns one verdict per frame, in the same order.
    /// </summary>
    [Alias("ApplyVitals")]
    Task<ImmutableArray<FrameVerdict>> ApplyVitals(string region, ImmutableArray<VitalsFrame> frames);

    /// <summary>
    /// Re-applies journaled frames after a restart, each already attributed to its patient: the device records their
    /// seqs and binding, and hands every frame to its patient, whose own seq record decides what is new to it (the
    /// device's record may be newer than the patient's snapshot).
    /// </summary>
    [Alias("ReplayVitals")]
    Task ReplayVitals(string region, ImmutableArray<VitalsFrame> frames, ImmutableArray<DateTimeOffset> receivedAt);
}
