namespace Emergency.Risk.Training.Cohort;

/// <summary>The clinical course a simulated patient is really on. Hidden: never written to the data, only its outcome.</summary>
public enum HiddenCourse
{
    /// <summary>No deterioration; some stable patients have chronically abnormal values (NEWS2 alarms without an event).</summary>
    Stable,

    /// <summary>Starts unwell and improves: high NEWS2 early, falling; no event.</summary>
    Recovering,

    /// <summary>Hidden severity rises to septic shock.</summary>
    Sepsis,

    /// <summary>Hidden blood loss: compensated (HR up, SBP held) until late, then haemorrhagic shock.</summary>
    Haemorrhage,

    /// <summary>Hidden respiratory fatigue: RR up, SpO2 down, then respiratory failure.</summary>
    RespiratoryFailure,

    /// <summary>Myocardial infarction: HR and its variability up, SBP down, then cardiogenic shock.</summary>
    Stemi,
}
