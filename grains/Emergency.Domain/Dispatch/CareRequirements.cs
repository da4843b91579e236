using Emergency.Domain.Scoring;

namespace Emergency.Domain.Dispatch;

/// <summary>
/// What a destination must offer (hard requirements: a hospital meeting all of them is "capable"), what it should
/// preferably offer, and whether the patient needs a free resuscitation bay. Derived from <see cref="PatientNeeds"/>
/// by <see cref="For"/>; every rule cites its source there.
/// </summary>
/// <param name="Pci">Primary PCI available 24/7.</param>
/// <param name="StrokeCentre">A stroke centre (primary or thrombectomy-capable).</param>
/// <param name="ThrombectomyPreferred">Suspected LVO: a thrombectomy-capable centre is preferred within the allowance.</param>
/// <param name="MajorTraumaCentre">A Level I or II trauma centre.</param>
/// <param name="MajorTraumaBasis">Why the patient counts as major trauma ("field triage red criteria", "NEWS2 high"); null when not.</param>
/// <param name="TraumaCentrePreferred">Injury without major-trauma criteria: any trauma centre is preferred within the allowance.</param>
/// <param name="Paediatric">Paediatric emergency care.</param>
/// <param name="Obstetric">An obstetric unit.</param>
/// <param name="PregnancyNoted">Pregnant, but the condition's own pathway decides; obstetric capability is shown, not required.</param>
/// <param name="ResusBay">A free resuscitation bay is needed for "can take now".</param>
/// <param name="ResusBayBasis">Why ("major trauma", "NEWS2 high"); null when no resus bay is needed.</param>
public sealed record CareRequirements(
    bool Pci,
    bool StrokeCentre,
    bool ThrombectomyPreferred,
    bool MajorTraumaCentre,
    string? MajorTraumaBasis,
    bool TraumaCentrePreferred,
    bool Paediatric,
    bool Obstetric,
    bool PregnancyNoted,
    bool ResusBay,
    string? ResusBayBasis)
{
    /// <summary>Number of hard requirements.</summary>
    public int Count => (Pci ? 1 : 0) + (StrokeCentre ? 1 : 0) + (MajorTraumaCentre ? 1 : 0) + (Paediatric ? 1 : 0) + (Obstetric ? 1 : 0);

    /// <summary>The hard requirements in plain language, e.g. ["PCI available 24/7", "paediatric care"].</summary>
    public IReadOnlyList<string> Labels
    {
        get
        {
            var labels = new List<string>(Count);
            if (Pci) labels.Add("PCI available 24/7");
            if (StrokeCentre) labels.Add(ThrombectomyPreferred ? "a stroke centre (thrombectomy preferred)" : "a stroke centre");
            if (MajorTraumaCentre) labels.Add("a Level I/II trauma centre");
            if (Paediatric) labels.Add("paediatric care");
            if (Obstetric) labels.Add("an obstetric unit");
            return labels;
        }
    }

    /// <summary>Derives the requirements of <paramref name="needs"/> under <paramref name="options"/>.</summary>
    /// <remarks>
    /// <list type="bullet">
    /// <item><b>STEMI → PCI 24/7.</b> Primary PCI is the preferred reperfusion strategy when it can be delivered
    /// within 120 min of diagnosis, and ambulances should take STEMI patients straight to a PCI centre: 2023 ESC
    /// Guidelines for the management of acute coronary syndromes (R. A. Byrne et al., Eur Heart J
    /// 44(38):3720–3826, 2023); FMC-to-device target ≤ 90 min for patients brought by EMS (2017 ESC STEMI guideline,
    /// B. Ibanez et al., Eur Heart J 39(2):119–177, 2018).</item>
    /// <item><b>Stroke → stroke centre; suspected LVO → thrombectomy preferred.</b> Any patient with suspected stroke
    /// goes to the nearest centre able to give IV thrombolysis; with a positive LVO screen, a thrombectomy-capable
    /// centre is preferred if it adds little transport time (AHA/ASA 2019 guideline for early management of acute
    /// ischaemic stroke, W. J. Powers et al., Stroke 50:e344–e418, 2019; AHA Mission: Lifeline Stroke severity-based
    /// stroke triage algorithm for EMS). The allowance is <see cref="RankingOptions.LvoThrombectomyExtraMinutes"/>.
    /// Triggered by condition stroke or by <see cref="PatientNeeds.LvoSuspected"/>.</item>
    /// <item><b>Major trauma → Level I/II.</b> Any red criterion of the 2021 National Guideline for the Field Triage of
    /// Injured Patients (Newgard et al., J Trauma Acute Care Surg 93(2):e49–e60, 2022) calls for the highest-level
    /// trauma centre; so does condition trauma with NEWS2 high (physiological derangement in an injured patient,
    /// which the guideline's vital-sign red criteria also capture). Red criteria count whatever the condition.</item>
    /// <item><b>Other trauma → trauma centre preferred</b> (any level) within
    /// <see cref="RankingOptions.TraumaCentreExtraMinutes"/>; not required (the same guideline's yellow criteria send
    /// moderate-risk patients to a trauma centre, but minor injuries can go to any emergency department).</item>
    /// <item><b>Paediatric</b> when condition is paediatric or age &lt; <see cref="RankingOptions.PaediatricAgeBelow"/>:
    /// children should be taken to emergency departments ready for children (Joint policy statement AAP/ACEP/ENA,
    /// "Pediatric Readiness in the Emergency Department", K. Remick et al., Pediatrics 142(5):e20182459, 2018; the 2021
    /// field triage guideline likewise prefers paediatric-capable trauma centres for injured children).</item>
    /// <item><b>Obstetric</b> when condition is obstetric, or the patient is pregnant with an undifferentiated
    /// complaint (condition other): pregnant patients with obstetric problems belong where maternal care is provided
    /// (ACOG/SMFM Obstetric Care Consensus No. 9, "Levels of Maternal Care", Obstet Gynecol 134(2):e41–e55, 2019).
    /// A pregnant patient with a specific condition (STEMI, stroke, trauma, sepsis, respiratory) follows that
    /// condition's pathway; obstetric capability is then shown but not required (<see cref="PregnancyNoted"/>).</item>
    /// <item><b>Resus bay</b> for major trauma and for NEWS2 risk at or above
    /// <see cref="RankingOptions.ResusBayFromRisk"/> (default high: RCP NEWS2 2017, score ≥ 7 → emergency response).
    /// Not for STEMI or stroke as such: STEMI patients go straight to the catheter laboratory bypassing the emergency
    /// department (2017 ESC STEMI guideline) and stroke patients straight to CT; with NEWS2 high they need one like
    /// anyone else.</item>
    /// </list>
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">The condition is undefined or the age negative.</exception>
    public static CareRequirements For(PatientNeeds needs, RankingOptions options)
    {
        ArgumentNullException.ThrowIfNull(needs);
        ArgumentNullException.ThrowIfNull(options);
        if (!Enum.IsDefined(needs.Condition))
        {
            throw new ArgumentOutOfRangeException(nameof(needs), needs.Condition, "condition is not defined");
        }

        if (needs.AgeYears is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(needs), needs.AgeYears, "age must not be negative");
        }

        var condition = needs.Condition;
        bool news2High = needs.News2Risk == News2Risk.High;
        bool redCriteria = needs.TraumaRedCriteria is { Count: > 0 };

        string? majorTraumaBasis =
            redCriteria ? "field triage red criteria"
            : condition == DispatchCondition.Trauma && news2High ? "NEWS2 high"
            : null;
        bool majorTrauma = majorTraumaBasis is not null;

        bool stroke = condition == DispatchCondition.Stroke || needs.LvoSuspected;
        bool paediatric = condition == DispatchCondition.Paediatric || needs.AgeYears < options.PaediatricAgeBelow;
        bool obstetric = condition == DispatchCondition.Obstetric || (needs.Pregnant && condition == DispatchCondition.Other);

        bool riskNeedsResus = needs.News2Risk is { } risk && risk >= options.ResusBayFromRisk;
        string? resusBasis =
            majorTrauma ? "major trauma"
            : riskNeedsResus ? $"NEWS2 {needs.News2Risk!.Value.ToCode()}"
            : null;

        return new CareRequirements(
            Pci: condition == DispatchCondition.Stemi,
            StrokeCentre: stroke,
            ThrombectomyPreferred: stroke && needs.LvoSuspected,
            MajorTraumaCentre: majorTrauma,
            MajorTraumaBasis: majorTraumaBasis,
            TraumaCentrePreferred: condition == DispatchCondition.Trauma && !majorTrauma,
            Paediatric: paediatric,
            Obstetric: obstetric,
            PregnancyNoted: needs.Pregnant && !obstetric,
            ResusBay: resusBasis is not null,
            ResusBayBasis: resusBasis);
    }
}
