namespace Emergency.Risk.Training.Cohort;

/// <summary>
/// One simulated patient's hidden clinical course: a severity h(t) from 0 (well) upwards. The outcome event happens
/// when h reaches 1 (<see cref="EventAtMinutes"/>), a time fixed by the course's onset and pace, never by the vital
/// signs it produces: vitals follow h through a patient-specific response, walk and noise, so they hint at the
/// course early without defining the event.
/// </summary>
internal sealed class SimulatedPatient
{
    public required HiddenCourse Course { get; init; }
    public required int AgeYears { get; init; }
    public required bool Hypercapnic { get; init; }

    /// <summary>Minutes after monitoring starts that the course begins (negative: before the crew arrived).</summary>
    public required double OnsetMinutes { get; init; }

    /// <summary>Minutes from onset until h reaches 1.</summary>
    public required double PaceMinutes { get; init; }

    /// <summary>Shape of the rise (1 linear, 2 accelerating).</summary>
    public required double Shape { get; init; }

    /// <summary>Highest severity reached; below 1 the patient never has the event.</summary>
    public required double Plateau { get; init; }

    /// <summary>Severity at the start for a recovering patient.</summary>
    public double InitialSeverity { get; init; }

    /// <summary>How strongly this patient's vitals show the hidden severity (0.4–1.5).</summary>
    public required double Responsiveness { get; init; }

    /// <summary>The course whose signs a recovering patient shows.</summary>
    public HiddenCourse RecoveringFrom { get; init; }

    public double? EventAtMinutes => Course is HiddenCourse.Stable or HiddenCourse.Recovering || Plateau < 1
        ? null
        : OnsetMinutes + PaceMinutes;

    public string? OutcomeName => EventAtMinutes is null ? null : Course switch
    {
        HiddenCourse.Sepsis => "septic-shock",
        HiddenCourse.Haemorrhage => "haemorrhagic-shock",
        HiddenCourse.RespiratoryFailure => "respiratory-failure",
        HiddenCourse.Stemi => "cardiogenic-shock",
        _ => null,
    };

    /// <summary>Hidden severity at <paramref name="minutes"/> after monitoring started.</summary>
    public double Severity(double minutes)
    {
        switch (Course)
        {
            case HiddenCourse.Stable:
                return 0;
            case HiddenCourse.Recovering:
                return InitialSeverity * Math.Max(0, 1 - minutes / PaceMinutes);
            default:
                var x = (minutes - OnsetMinutes) / PaceMinutes;
                return x <= 0 ? 0 : Math.Min(Math.Pow(x, Shape), Plateau);
        }
    }
}
