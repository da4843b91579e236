using Emergency.Domain.Devices;
using Emergency.Domain.Scoring;
using Emergency.Domain.Vitals;

namespace Emergency.History;

/// <summary>
/// One accepted vitals frame as the history keeps it. A point is identified by its series
/// (<see cref="PatientId"/>, <see cref="DeviceKind"/>, <see cref="DeviceId"/>) and the device's own
/// <see cref="Timestamp"/> at millisecond precision together with its <see cref="Seq"/>: writing the same point again
/// overwrites it instead of adding a copy, and two frames of one device in the same millisecond stay two points.
/// </summary>
/// <param name="Region">Region the device published under (<c>ems/{region}/…</c>). May be empty.</param>
/// <param name="PatientId">The patient the frame belongs to. Required.</param>
/// <param name="DeviceKind">Ambulance monitor or wearable.</param>
/// <param name="DeviceId">The publishing device. Required.</param>
/// <param name="Seq">The device's frame sequence number.</param>
/// <param name="Timestamp">Measurement time as the device stamped it; stored in whole milliseconds (sub-millisecond
/// digits are truncated; frames of one device within the same millisecond are told apart by seq).</param>
/// <param name="Vitals">The frame's own values; null values are not stored.</param>
/// <param name="News2">
/// The NEWS2 total to store with the frame, usually the score the live pipeline computed for the patient at that time.
/// When null, <see cref="EffectiveNews2"/> scores the frame's own values, but only if they are complete.
/// </param>
public sealed record VitalsPoint(
    string Region,
    string PatientId,
    DeviceKind DeviceKind,
    string DeviceId,
    long Seq,
    DateTimeOffset Timestamp,
    VitalSigns Vitals,
    int? News2 = null)
{
    /// <summary>Device time in Unix milliseconds: the point's time in both stores.</summary>
    public long TimestampMs => Timestamp.ToUnixTimeMilliseconds();

    /// <summary>
    /// The NEWS2 total written to the history: <see cref="News2"/> when given; otherwise the score of
    /// <see cref="Vitals"/> if all seven NEWS2 parameters are present; otherwise null. A partial frame (a wearable
    /// sending only pulse and SpO2) is not scored on its own, since its total would understate the patient's risk.
    /// </summary>
    public int? EffectiveNews2
    {
        get
        {
            if (News2 is { } given)
            {
                return given;
            }
            var score = News2Calculator.Score(Vitals);
            return score.Complete ? score.Total : null;
        }
    }

    internal static void Validate(IReadOnlyList<VitalsPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i] ?? throw new ArgumentException($"points[{i}] is null.", nameof(points));
            if (string.IsNullOrEmpty(p.PatientId))
            {
                throw new ArgumentException($"points[{i}] has no patient id.", nameof(points));
            }
            if (string.IsNullOrEmpty(p.DeviceId))
            {
                throw new ArgumentException($"points[{i}] has no device id.", nameof(points));
            }
            if (p.Region is null)
            {
                throw new ArgumentException($"points[{i}] has a null region (use an empty string).", nameof(points));
            }
        }
    }
}
