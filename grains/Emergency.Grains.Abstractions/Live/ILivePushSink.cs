using Emergency.Domain.Alerts;
using Emergency.Grains.Patients;

namespace Emergency.Grains.Live;

/// <summary>
/// Where grains hand state changes for live push to browsers. Implementations must return at once and never
/// block a grain turn: they keep the newest state and send from their own loop.
/// </summary>
public interface ILivePushSink
{
    void PatientChanged(PatientSnapshot snapshot);

    /// <summary>An alert was raised, escalated, acknowledged, updated or cleared: push at once, never coalesced.</summary>
    void AlertChanged(AlertEvent alertEvent, string region);
}

/// <summary>Used when nothing pushes (tests, tools).</summary>
public sealed class NullLivePushSink : ILivePushSink
{
    public void PatientChanged(PatientSnapshot snapshot) { }
    public void AlertChanged(AlertEvent alertEvent, string region) { }
}
