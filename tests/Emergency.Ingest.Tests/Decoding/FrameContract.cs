using Emergency.Domain.Ambulances;
using Emergency.Domain.Patients;
using Emergency.Domain.Vitals;
using Emergency.Ingest.Decoding;
using Xunit.Sdk;

namespace Emergency.Ingest.Tests.Decoding;

/// <summary>What every accepted frame must satisfy, whatever payload it came from: the contract's ranges and rules.</summary>
internal static class FrameContract
{
    public static void AssertWithin(object frame)
    {
        switch (frame)
        {
            case VitalsFrame vitals:
                AssertCommon(vitals.Seq, vitals.Timestamp);
                AssertId(vitals.PatientId);
                VitalSigns v = vitals.Vitals;
                AssertRange(v.Hr, 0, 350);
                AssertRange(v.Rr, 0, 120);
                AssertRange(v.Spo2, 0, 100);
                AssertRange(v.Sbp, 0, 350);
                AssertRange(v.Dbp, 0, 300);
                AssertRange(v.Temp, 25, 45);
                Assert.False(v.Sbp is { } sbp && v.Dbp is { } dbp && dbp > sbp);
                Assert.True(v.Acvpu is null || Enum.IsDefined(v.Acvpu.Value));
                Assert.True(v.Spo2Scale is null || Enum.IsDefined(v.Spo2Scale.Value));
                break;
            case PositionFrame position:
                AssertCommon(position.Seq, position.Timestamp);
                AssertRange(position.Lat, -90, 90);
                AssertRange(position.Lon, -180, 180);
                AssertRange(position.SpeedKmh, 0, 400);
                AssertRange(position.Heading, 0, 360);
                break;
            case StatusFrame status:
                AssertCommon(status.Seq, status.Timestamp);
                AssertId(status.PatientId);
                Assert.True(Enum.IsDefined(status.Status));
                break;
            case ContextFrame context:
                AssertCommon(context.Seq, context.Timestamp);
                AssertId(context.PatientId);
                Assert.Empty(context.Context.Validate());
                break;
            default:
                throw new XunitException("unexpected frame " + frame.GetType());
        }

        static void AssertCommon(long seq, DateTimeOffset timestamp)
        {
            Assert.True(seq >= 0);
            Assert.Equal(TimeSpan.Zero, timestamp.Offset);
            Assert.InRange(timestamp, FrameLimits.MinTimestamp, FrameLimits.EndTimestamp.AddTicks(-1));
        }

        static void AssertId(string? id) => Assert.True(id is null || DeviceIds.IsValid(id));

        static void AssertRange(double? value, double min, double max) =>
            Assert.True(value is null || (value >= min && value <= max), $"{value} outside {min}..{max}");
    }
}
