namespace Emergency.DeviceSim.Physiology;

/// <summary>A clinical picture whose vital signs evolve over time.</summary>
public enum Scenario
{
    /// <summary>All parameters in the NEWS2 zero-score bands.</summary>
    Stable,

    /// <summary>Slowly deteriorating: HR and RR up, SBP down, temperature up, new confusion later.</summary>
    Sepsis,

    /// <summary>Fast compensation then decompensation: HR up fast, SBP down, SpO2 holds until late.</summary>
    Haemorrhage,

    /// <summary>Chronic hypercapnic patient on oxygen: SpO2 86–90 % (NEWS2 scale 2), RR elevated.</summary>
    CopdOnOxygen,

    /// <summary>ST-elevation myocardial infarction: tachycardic, borderline low blood pressure.</summary>
    Stemi,

    /// <summary>Acute stroke: hypertensive, new confusion, conscious level falling later.</summary>
    Stroke,
}
