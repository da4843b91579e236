using Emergency.Domain.Simulation;
using Emergency.Domain.Vitals;
using Emergency.Risk.Training.Records;

namespace Emergency.Risk.Training.Cohort;

/// <summary>
/// A simulated prehospital cohort, deterministic by seed: patients on hidden courses (<see cref="HiddenCourse"/>),
/// monitored for 40–120 minutes with irregular sampling, measurement noise, artefacts (probe-off SpO2, motion spikes),
/// missing parameters (no blood pressure or temperature on some, slow NIBP cycles), and coverage gaps.
/// </summary>
/// <remarks>
/// The physiology follows the device simulator's (device-sim Physiology: a trend, a bounded mean-reverting walk and
/// noise per vital), with the trend driven by the hidden severity instead of fixed scenario ramps, so that the outcome
/// time can be defined by the course itself.
/// </remarks>
public sealed class CohortGenerator(int seed)
{
    /// <summary>Where the simulated clock starts (patients are independent; they may overlap in time).</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public IEnumerable<PatientRecord> Generate(int patients)
    {
        for (var i = 0; i < patients; i++)
        {
            yield return Patient(i);
        }
    }

    /// <summary>The <paramref name="index"/>th patient of this seed, with its hidden course.</summary>
    public PatientRecord Patient(int index) => Patient(index, out _);

    internal PatientRecord Patient(int index, out SimulatedPatient hidden)
    {
        var random = new Random(DeriveSeed(seed, index));
        hidden = Draw(random);
        return Measure(random, hidden, $"SIM-{seed}-{index:D5}", Epoch.ToUnixTimeMilliseconds() + index * 60_000L);
    }

    private static SimulatedPatient Draw(Random r)
    {
        var u = r.NextDouble();
        var course = u switch
        {
            < 0.40 => HiddenCourse.Stable,
            < 0.52 => HiddenCourse.Recovering,
            < 0.66 => HiddenCourse.Sepsis,
            < 0.76 => HiddenCourse.Haemorrhage,
            < 0.88 => HiddenCourse.RespiratoryFailure,
            _ => HiddenCourse.Stemi,
        };
        var age = (int)Math.Clamp(Gaussian(r, 62, 18), 18, 98);
        var pace = course switch
        {
            HiddenCourse.Haemorrhage => Range(r, 15, 50),
            HiddenCourse.Recovering => Range(r, 25, 70),
            _ => Range(r, 30, 120),
        };
        var progresses = r.NextDouble() < 0.7;
        var onset = Range(r, -30, 70);
        // The event must fall after the first minutes of monitoring, or there is nothing to predict from.
        if (onset + pace < 12) onset = 12 - pace + Range(r, 0, 20);
        return new SimulatedPatient
        {
            Course = course,
            AgeYears = age,
            Hypercapnic = r.NextDouble() < 0.07,
            OnsetMinutes = onset,
            PaceMinutes = pace,
            Shape = Range(r, 1, 2.2),
            Plateau = progresses ? 1.5 : Range(r, 0.3, 0.85),
            InitialSeverity = Range(r, 0.5, 0.95),
            Responsiveness = Range(r, 0.4, 1.5) * (age > 75 ? 0.75 : 1),
            RecoveringFrom = (HiddenCourse)r.Next((int)HiddenCourse.Sepsis, (int)HiddenCourse.Stemi + 1),
        };
    }

    private static PatientRecord Measure(Random r, SimulatedPatient p, string id, long startMs)
    {
        var eventAt = p.EventAtMinutes;
        var length = Range(r, 40, 120);
        // Monitoring ends at the event (the patient is being resuscitated and handed over).
        var end = eventAt is { } e ? Math.Min(length, e) : length;
        var record = new PatientRecord
        {
            PatientId = id,
            AgeYears = r.NextDouble() < 0.9 ? p.AgeYears : null,
            Outcome = p.OutcomeName,
            OutcomeAtMs = eventAt is { } ev ? startMs + (long)(ev * 60_000) : null,
        };

        var baseline = Baseline(r, p);
        var interval = new[] { 10.0, 15, 30, 60 }[r.Next(4)];
        var nibpMinutes = r.NextDouble() < 0.08 ? double.PositiveInfinity : new[] { 3.0, 5, 10 }[r.Next(3)];
        var tempMinutes = r.NextDouble() < 0.25 ? double.PositiveInfinity : Range(r, 10, 20);
        var rrShown = r.NextDouble() < 0.9;
        var gapAt = r.NextDouble() < 0.15 ? Range(r, 5, end) : double.NaN;
        var gapLength = Range(r, 2, 8);
        var walk = new Walk[6];
        double[] walkSd = [4, 1.2, 0.8, 5, 3, 0.1];
        // A patient without NIBP or a thermometer gets no reading of it at all.
        double nextBp = double.IsInfinity(nibpMinutes) ? nibpMinutes : Range(r, 0, 1);
        double nextTemp = double.IsInfinity(tempMinutes) ? tempMinutes : Range(r, 0, 2);
        double nextAcvpu = 0;
        bool? onOxygen = p.Hypercapnic || baseline[2] < 94;
        var confusionAt = Range(r, 0.6, 1.0);
        Acvpu acvpu = Acvpu.Alert;

        for (var t = Range(r, 0, 0.3); t < end; t += interval * Range(r, 0.6, 1.4) / 60)
        {
            if (!double.IsNaN(gapAt) && t >= gapAt && t < gapAt + gapLength) continue;
            var dtSeconds = interval;
            var h = p.Severity(t);
            var effect = Effect(p.Course == HiddenCourse.Recovering ? p.RecoveringFrom : p.Course, h, p.Responsiveness);
            var hrVariability = p.Course == HiddenCourse.Stemi ? 1 + 3 * h : 1;
            for (var k = 0; k < walk.Length; k++) walk[k].Step(r, dtSeconds, walkSd[k] * (k == 0 ? hrVariability : 1));

            double hr = baseline[0] + effect.Hr + walk[0].Value + Tri(r, 2);
            double rr = baseline[1] + effect.Rr + walk[1].Value + Tri(r, 1);
            double spo2 = baseline[2] + effect.Spo2 + walk[2].Value + Tri(r, 1) + (onOxygen == true && !p.Hypercapnic ? 2 : 0);
            double sbp = baseline[3] + effect.Sbp + walk[3].Value + Tri(r, 4);
            double dbp = baseline[4] + effect.Sbp * 0.6 + walk[4].Value + Tri(r, 3);
            double temp = baseline[5] + effect.Temp + walk[5].Value + Tri(r, 0.1);
            if (spo2 < 92 && !p.Hypercapnic) onOxygen = true; // the crew starts oxygen and leaves it on

            // Artefacts: a motion spike on the pulse, a probe pulled off the finger.
            if (r.NextDouble() < 0.01) hr *= r.NextDouble() < 0.5 ? 0.55 : 1.6;
            var spo2Present = r.NextDouble() >= 0.05;
            if (r.NextDouble() < 0.01) spo2 = Range(r, 60, 82);

            var bpDue = t >= nextBp;
            if (bpDue) nextBp = t + nibpMinutes + Range(r, -0.3, 0.3);
            var tempDue = t >= nextTemp;
            if (tempDue) nextTemp = t + tempMinutes;
            var acvpuDue = t >= nextAcvpu;
            if (acvpuDue)
            {
                nextAcvpu = t + 5;
                acvpu = effect.Consciousness >= 1.4 ? Acvpu.Voice : effect.Consciousness >= confusionAt ? Acvpu.NewConfusion : Acvpu.Alert;
            }

            var sbpValue = Math.Round(Math.Clamp(sbp, 45, 240));
            record.Frames.Add(new TimedFrame(startMs + (long)(t * 60_000), new VitalSigns(
                Hr: Math.Round(Math.Clamp(hr, 25, 220)),
                Rr: rrShown && r.NextDouble() >= 0.1 ? Math.Round(Math.Clamp(rr, 4, 60)) : null,
                Spo2: spo2Present ? Math.Round(Math.Clamp(spo2, p.Hypercapnic ? 70 : 60, 100)) : null,
                Sbp: bpDue ? sbpValue : null,
                Dbp: bpDue ? Math.Round(Math.Clamp(dbp, 25, sbpValue - 15)) : null,
                Temp: tempDue ? Math.Round(Math.Clamp(temp, 33, 42), 1) : null,
                Acvpu: acvpuDue ? acvpu : null,
                O2: onOxygen,
                Spo2Scale: p.Hypercapnic ? Spo2Scale.Scale2 : Spo2Scale.Scale1)));
        }
        return record;
    }

    /// <summary>HR, RR, SpO2, SBP, DBP, temperature at rest; some stable patients are chronically abnormal.</summary>
    private static double[] Baseline(Random r, SimulatedPatient p)
    {
        double[] b = [Gaussian(r, 80, 9), Gaussian(r, 16, 1.5), Gaussian(r, 97.5, 0.8),
            Gaussian(r, 128 + (p.AgeYears - 60) * 0.3, 12), Gaussian(r, 78, 7), Gaussian(r, 36.8, 0.25)];
        if (p.Hypercapnic)
        {
            b[1] = Range(r, 20, 25);
            b[2] = Range(r, 87, 91);
        }
        // Chronically abnormal yet stable: anxious, in pain, in atrial fibrillation, hypotensive at baseline, febrile
        // with a viral illness. These score on NEWS2 without deteriorating.
        if (r.NextDouble() < (p.Course == HiddenCourse.Stable ? 0.45 : 0.2))
        {
            switch (r.Next(5))
            {
                case 0: b[0] = Range(r, 100, 125); break;
                case 1: b[1] = Range(r, 21, 26); break;
                case 2: b[2] = p.Hypercapnic ? b[2] : Range(r, 92, 95); break;
                case 3: b[3] = Range(r, 95, 110); break;
                default: b[5] = Range(r, 38.2, 39.2); b[0] += 10; break;
            }
        }
        return b;
    }

    private readonly record struct Effects(double Hr, double Rr, double Spo2, double Sbp, double Temp, double Consciousness);

    /// <summary>How a course's hidden severity <paramref name="h"/> shows in the vitals of a patient with responsiveness <paramref name="k"/>.</summary>
    private static Effects Effect(HiddenCourse course, double h, double k) => course switch
    {
        HiddenCourse.Sepsis => new(45 * k * h, 12 * k * h, -4 * k * h, -45 * k * h * h, 1.5 * k * Math.Min(1, 2 * h), h * k),
        HiddenCourse.Haemorrhage => new(55 * k * h, 9 * k * h, -3 * h * h * h, -12 * k * h - 50 * k * Math.Max(0, h - 0.6), -0.5 * h, h * k * 0.9),
        HiddenCourse.RespiratoryFailure => new(25 * k * h, 18 * k * h, -13 * k * Math.Pow(h, 1.5), 8 * h, 0.3 * h, h * k * 1.1),
        HiddenCourse.Stemi => new(28 * k * h, 7 * k * h, -4 * k * h, -40 * k * Math.Pow(h, 1.5), 0, h * k * 0.7),
        _ => default,
    };

    /// <summary>Mean-reverting random walk (Ornstein–Uhlenbeck, τ = 120 s) with stationary standard deviation sd.</summary>
    private struct Walk
    {
        public double Value;

        public void Step(Random r, double seconds, double sd)
        {
            var decay = Math.Exp(-seconds / 120);
            Value = Value * decay + sd * Math.Sqrt(1 - decay * decay) * Gaussian(r, 0, 1);
        }
    }

    private static double Range(Random r, double min, double max) => min + r.NextDouble() * (max - min);

    private static double Tri(Random r, double amplitude) => (r.NextDouble() - r.NextDouble()) * amplitude;

    private static double Gaussian(Random r, double mean, double sd) => mean + sd * r.NextGaussian();

    /// <summary>An independent seed per patient (SplitMix64 finaliser), as the device simulator derives its streams.</summary>
    private static int DeriveSeed(int seed, long stream)
    {
        unchecked
        {
            var z = (ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)stream * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (int)(z & 0x7FFF_FFFF);
        }
    }
}
