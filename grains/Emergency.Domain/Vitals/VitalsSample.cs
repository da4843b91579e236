namespace Emergency.Domain.Vitals;

/// <summary>
/// One frame's values in the rolling window, held compactly: floats with NaN for "not sent", small codes for the
/// rest. 40 bytes a sample, so an hour at 1 Hz is about 144 KB per patient.
/// </summary>
public readonly record struct VitalsSample(
    long TimestampMs,
    float Hr, float Rr, float Spo2, float Sbp, float Dbp, float Temp,
    sbyte Acvpu, sbyte O2, sbyte Spo2Scale)
{
    public DateTimeOffset Timestamp => DateTimeOffset.FromUnixTimeMilliseconds(TimestampMs);

    public static VitalsSample From(DateTimeOffset measuredAt, in VitalSigns v) => new(
        measuredAt.ToUnixTimeMilliseconds(),
        Pack(v.Hr), Pack(v.Rr), Pack(v.Spo2), Pack(v.Sbp), Pack(v.Dbp), Pack(v.Temp),
        v.Acvpu is { } a ? (sbyte)a : (sbyte)-1,
        v.O2 is { } o ? (sbyte)(o ? 1 : 0) : (sbyte)-1,
        v.Spo2Scale is { } s ? (sbyte)s : (sbyte)-1);

    public VitalSigns ToVitalSigns() => new(
        Unpack(Hr), Unpack(Rr), Unpack(Spo2), Unpack(Sbp), Unpack(Dbp), Unpack(Temp),
        Acvpu >= 0 ? (Vitals.Acvpu)Acvpu : null,
        O2 >= 0 ? O2 == 1 : null,
        Spo2Scale > 0 ? (Vitals.Spo2Scale)Spo2Scale : null);

    private static float Pack(double? value) => value is { } v ? (float)v : float.NaN;

    private static double? Unpack(float value) => float.IsNaN(value) ? null : Math.Round(value, 2);
}
