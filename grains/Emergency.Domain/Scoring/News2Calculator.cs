using System.Diagnostics.CodeAnalysis;
using Emergency.Domain.Vitals;

namespace Emergency.Domain.Scoring;

/// <summary>
/// Scores a set of vital signs with the National Early Warning Score 2 (NEWS2).
/// Static and allocation-free: safe to call on every incoming frame.
/// </summary>
/// <remarks>
/// <para>
/// Bands follow Chart 1 ("The NEWS2 scoring system") of Royal College of Physicians,
/// <i>National Early Warning Score (NEWS) 2: Standardising the assessment of acute-illness severity in the NHS</i>,
/// London: RCP, 2017. Clinical risk: 7 or more is high, 5–6 medium, a 3 in any single parameter low-medium,
/// otherwise low.
/// </para>
/// <para>
/// Rounding. The chart bands whole numbers (and temperature to one decimal), while devices report measured values,
/// so values are rounded before banding, halves away from zero:
/// respiration rate, SpO2, systolic pressure and pulse to the nearest integer
/// (<see cref="MidpointRounding.AwayFromZero"/>: pulse 90.5 → 91 → 1, 90.49 → 90 → 0);
/// temperature to one decimal (38.05 → 38.1 → 1, 38.04 → 38.0 → 0). Temperature is rounded on its
/// decimal reading (the <see cref="double"/> converted to <see cref="decimal"/>, i.e. to 15 significant digits),
/// so a reading written as 38.05 rounds up even though the nearest <see cref="double"/> lies just below it.
/// </para>
/// <para>
/// Missing values. <see cref="Score(in VitalSigns)"/> leaves out every parameter whose value is null (or NaN):
/// its score is null, the total counts only the known parameters, and the result is not
/// <see cref="News2Result.Complete"/> unless all seven parameters (respiration rate, SpO2, air or oxygen,
/// systolic pressure, pulse, consciousness, temperature) are known. A null <see cref="VitalSigns.Spo2Scale"/>
/// means scale 1. Diastolic pressure is not part of NEWS2 and is ignored.
/// </para>
/// </remarks>
public static class News2Calculator
{
    /// <summary>Scores every known parameter of <paramref name="vitals"/> and sums them.</summary>
    /// <remarks>
    /// On SpO2 scale 2 with the air/oxygen flag unknown, SpO2 is scored as if the patient were on air
    /// (93 % or more scores 0); the result is incomplete anyway because the oxygen parameter is missing.
    /// </remarks>
    public static News2Result Score(in VitalSigns vitals)
    {
        int total = 0;
        bool anyThree = false;
        bool complete = true;

        int? rr = IsKnown(vitals.Rr, out double rrValue) ? ScoreRespirationRate(rrValue) : null;
        Tally(rr, ref total, ref anyThree, ref complete);

        int? spo2 = IsKnown(vitals.Spo2, out double spo2Value)
            ? ScoreSpo2(spo2Value, vitals.Spo2Scale ?? Spo2Scale.Scale1, vitals.O2)
            : null;
        Tally(spo2, ref total, ref anyThree, ref complete);

        int? o2 = vitals.O2 is bool onOxygen ? ScoreOxygen(onOxygen) : null;
        Tally(o2, ref total, ref anyThree, ref complete);

        int? sbp = IsKnown(vitals.Sbp, out double sbpValue) ? ScoreSystolic(sbpValue) : null;
        Tally(sbp, ref total, ref anyThree, ref complete);

        int? hr = IsKnown(vitals.Hr, out double hrValue) ? ScorePulse(hrValue) : null;
        Tally(hr, ref total, ref anyThree, ref complete);

        int? acvpu = vitals.Acvpu is Acvpu level ? ScoreConsciousness(level) : null;
        Tally(acvpu, ref total, ref anyThree, ref complete);

        int? temp = IsKnown(vitals.Temp, out double tempValue) ? ScoreTemperature(tempValue) : null;
        Tally(temp, ref total, ref anyThree, ref complete);

        return new News2Result(total, Risk(total, anyThree), complete, rr, spo2, o2, sbp, hr, acvpu, temp);
    }

    /// <summary>Respiration rate (breaths/min): ≤8 → 3; 9–11 → 1; 12–20 → 0; 21–24 → 2; ≥25 → 3.</summary>
    /// <remarks>Rounded to the nearest integer, halves away from zero, before banding.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="breathsPerMinute"/> is NaN.</exception>
    public static int ScoreRespirationRate(double breathsPerMinute)
    {
        double rr = RoundToInteger(breathsPerMinute, nameof(breathsPerMinute));
        if (rr <= 8) return 3;
        if (rr <= 11) return 1;
        if (rr <= 20) return 0;
        if (rr <= 24) return 2;
        return 3;
    }

    /// <summary>
    /// SpO2 (%). Scale 1: ≤91 → 3; 92–93 → 2; 94–95 → 1; ≥96 → 0.
    /// Scale 2: ≤83 → 3; 84–85 → 2; 86–87 → 1; 88–92 → 0; ≥93 on air → 0;
    /// 93–94 on oxygen → 1; 95–96 on oxygen → 2; ≥97 on oxygen → 3.
    /// </summary>
    /// <param name="spo2">Oxygen saturation in percent; rounded to the nearest integer, halves away from zero.</param>
    /// <param name="scale">The SpO2 scale prescribed for the patient.</param>
    /// <param name="onOxygen">
    /// Whether the patient is on supplemental oxygen. Only scale 2 uses it; null (unknown) is scored as air.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="spo2"/> is NaN, or <paramref name="scale"/> is not a defined scale.
    /// </exception>
    public static int ScoreSpo2(double spo2, Spo2Scale scale, bool? onOxygen)
    {
        double s = RoundToInteger(spo2, nameof(spo2));
        switch (scale)
        {
            case Spo2Scale.Scale1:
                if (s <= 91) return 3;
                if (s <= 93) return 2;
                if (s <= 95) return 1;
                return 0;

            case Spo2Scale.Scale2:
                if (s <= 83) return 3;
                if (s <= 85) return 2;
                if (s <= 87) return 1;
                if (s <= 92) return 0;
                if (onOxygen != true) return 0;
                if (s <= 94) return 1;
                if (s <= 96) return 2;
                return 3;

            default:
                ThrowUndefined(nameof(scale));
                return 0;
        }
    }

    /// <summary>Air or oxygen: supplemental oxygen → 2; air → 0.</summary>
    public static int ScoreOxygen(bool onOxygen) => onOxygen ? 2 : 0;

    /// <summary>Systolic blood pressure (mmHg): ≤90 → 3; 91–100 → 2; 101–110 → 1; 111–219 → 0; ≥220 → 3.</summary>
    /// <remarks>Rounded to the nearest integer, halves away from zero, before banding.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mmHg"/> is NaN.</exception>
    public static int ScoreSystolic(double mmHg)
    {
        double sbp = RoundToInteger(mmHg, nameof(mmHg));
        if (sbp <= 90) return 3;
        if (sbp <= 100) return 2;
        if (sbp <= 110) return 1;
        if (sbp <= 219) return 0;
        return 3;
    }

    /// <summary>Pulse (beats/min): ≤40 → 3; 41–50 → 1; 51–90 → 0; 91–110 → 1; 111–130 → 2; ≥131 → 3.</summary>
    /// <remarks>Rounded to the nearest integer, halves away from zero, before banding.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="beatsPerMinute"/> is NaN.</exception>
    public static int ScorePulse(double beatsPerMinute)
    {
        double hr = RoundToInteger(beatsPerMinute, nameof(beatsPerMinute));
        if (hr <= 40) return 3;
        if (hr <= 50) return 1;
        if (hr <= 90) return 0;
        if (hr <= 110) return 1;
        if (hr <= 130) return 2;
        return 3;
    }

    /// <summary>Consciousness: alert → 0; new confusion, voice, pain or unresponsive → 3.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not a defined ACVPU level.</exception>
    public static int ScoreConsciousness(Acvpu level)
    {
        switch (level)
        {
            case Acvpu.Alert:
                return 0;
            case Acvpu.NewConfusion:
            case Acvpu.Voice:
            case Acvpu.Pain:
            case Acvpu.Unresponsive:
                return 3;
            default:
                ThrowUndefined(nameof(level));
                return 0;
        }
    }

    /// <summary>Temperature (°C): ≤35.0 → 3; 35.1–36.0 → 1; 36.1–38.0 → 0; 38.1–39.0 → 1; ≥39.1 → 2.</summary>
    /// <remarks>Rounded to one decimal, halves away from zero, before banding (see the class remarks).</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="celsius"/> is NaN.</exception>
    public static int ScoreTemperature(double celsius)
    {
        if (double.IsNaN(celsius)) ThrowNaN(nameof(celsius));

        // Far outside any band edge rounding cannot matter; this also keeps the decimal conversion in range.
        if (celsius <= 0) return 3;
        if (celsius >= 100) return 2;

        decimal t = Math.Round((decimal)celsius, 1, MidpointRounding.AwayFromZero);
        if (t <= 35.0m) return 3;
        if (t <= 36.0m) return 1;
        if (t <= 38.0m) return 0;
        if (t <= 39.0m) return 1;
        return 2;
    }

    /// <summary>
    /// Clinical risk from the total and whether any single parameter scored 3:
    /// total ≥7 → high; 5–6 → medium; otherwise a 3 in any single parameter → low-medium; otherwise low.
    /// </summary>
    public static News2Risk Risk(int total, bool anyThree)
    {
        if (total >= 7) return News2Risk.High;
        if (total >= 5) return News2Risk.Medium;
        return anyThree ? News2Risk.LowMedium : News2Risk.Low;
    }

    private static bool IsKnown(double? value, out double known)
    {
        known = value.GetValueOrDefault();
        return value.HasValue && !double.IsNaN(known);
    }

    private static void Tally(int? score, ref int total, ref bool anyThree, ref bool complete)
    {
        if (score is int s)
        {
            total += s;
            anyThree |= s == 3;
        }
        else
        {
            complete = false;
        }
    }

    private static double RoundToInteger(double value, string paramName)
    {
        if (double.IsNaN(value)) ThrowNaN(paramName);
        return Math.Round(value, MidpointRounding.AwayFromZero);
    }

    [DoesNotReturn]
    private static void ThrowNaN(string paramName) =>
        throw new ArgumentOutOfRangeException(paramName, "A vital sign cannot be NaN.");

    [DoesNotReturn]
    private static void ThrowUndefined(string paramName) =>
        throw new ArgumentOutOfRangeException(paramName, "Not a defined value.");
}
