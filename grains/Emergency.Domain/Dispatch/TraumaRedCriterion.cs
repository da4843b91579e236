using System.Text.Json.Serialization;
using Emergency.Domain.Hospitals;

namespace Emergency.Domain.Dispatch;

/// <summary>
/// A "red" (high risk for serious injury) criterion of the 2021 US National Guideline for the Field Triage of
/// Injured Patients (C. D. Newgard et al., National Expert Panel on Field Triage, J Trauma Acute Care Surg
/// 93(2):e49–e60, 2022; American College of Surgeons). A patient meeting any one should go to the highest-level
/// trauma centre available within the regional trauma system (here: Level I or II).
/// </summary>
/// <remarks>
/// The crew (or a scoring step that has the vitals and age) decides which criteria are met; the ranking only
/// needs to know that at least one is. Wire codes are the kebab-case names below.
/// </remarks>
[JsonConverter(typeof(WireEnumConverter<TraumaRedCriterion>))]
public enum TraumaRedCriterion : byte
{
    /// <summary>Penetrating injury to head, neck, torso or proximal extremities.</summary>
    [JsonStringEnumMemberName("penetrating-injury")]
    PenetratingInjury = 1,

    /// <summary>Skull deformity, suspected skull fracture.</summary>
    [JsonStringEnumMemberName("skull-deformity")]
    SkullDeformity = 2,

    /// <summary>Suspected spinal injury with new motor or sensory loss.</summary>
    [JsonStringEnumMemberName("spinal-injury-deficit")]
    SpinalInjuryWithDeficit = 3,

    /// <summary>Chest wall instability, deformity, or suspected flail chest.</summary>
    [JsonStringEnumMemberName("chest-wall-instability")]
    ChestWallInstability = 4,

    /// <summary>Suspected pelvic fracture.</summary>
    [JsonStringEnumMemberName("pelvic-fracture")]
    PelvicFracture = 5,

    /// <summary>Suspected fracture of two or more proximal long bones.</summary>
    [JsonStringEnumMemberName("two-long-bone-fractures")]
    TwoProximalLongBoneFractures = 6,

    /// <summary>Crushed, degloved, mangled, or pulseless extremity.</summary>
    [JsonStringEnumMemberName("mangled-extremity")]
    MangledExtremity = 7,

    /// <summary>Amputation proximal to wrist or ankle.</summary>
    [JsonStringEnumMemberName("proximal-amputation")]
    ProximalAmputation = 8,

    /// <summary>Active bleeding requiring a tourniquet or wound packing with continuous pressure.</summary>
    [JsonStringEnumMemberName("active-bleeding")]
    ActiveBleeding = 9,

    /// <summary>Unable to follow commands (motor GCS &lt; 6).</summary>
    [JsonStringEnumMemberName("motor-gcs-below-6")]
    UnableToFollowCommands = 10,

    /// <summary>Respiratory rate &lt; 10 or &gt; 29 breaths/min.</summary>
    [JsonStringEnumMemberName("abnormal-respiratory-rate")]
    AbnormalRespiratoryRate = 11,

    /// <summary>Respiratory distress or need for respiratory support.</summary>
    [JsonStringEnumMemberName("respiratory-distress")]
    RespiratoryDistress = 12,

    /// <summary>Room-air pulse oximetry &lt; 90 %.</summary>
    [JsonStringEnumMemberName("spo2-below-90")]
    LowSpo2 = 13,

    /// <summary>Hypotension for age: SBP &lt; 70 + 2 × age mmHg (0–9 y), &lt; 90 (10–64 y), &lt; 110 (65 y and over).</summary>
    [JsonStringEnumMemberName("hypotension-for-age")]
    HypotensionForAge = 14,

    /// <summary>Heart rate above systolic blood pressure (age 10 and over).</summary>
    [JsonStringEnumMemberName("hr-above-sbp")]
    HeartRateAboveSbp = 15,
}
