using System.Text.Json.Serialization;
using Emergency.Domain.Hospitals;

namespace Emergency.Domain.Dispatch;

/// <summary>
/// The working condition a destination is chosen for. Wire form (the <c>condition</c> of a recommendation request):
/// <c>trauma|stroke|stemi|sepsis|respiratory|obstetric|paediatric|other</c>.
/// </summary>
/// <remarks>
/// These codes must stay identical to the patient condition category kept with the patient
/// (<c>ConditionCategory</c> in <c>Emergency.Domain.Patients</c>): the dispatch code maps a patient's category to this
/// enum by its wire code, so a code added there must be added here too (an unknown code fails
/// <see cref="DispatchConditionCodes.TryParse"/> rather than being guessed).
/// </remarks>
[JsonConverter(typeof(WireEnumConverter<DispatchCondition>))]
public enum DispatchCondition : byte
{
    /// <summary>Anything without a destination rule of its own; needs only an emergency department.</summary>
    [JsonStringEnumMemberName("other")]
    Other = 0,

    /// <summary>Injury. Major trauma (red criteria, or NEWS2 high) needs a Level I/II trauma centre.</summary>
    [JsonStringEnumMemberName("trauma")]
    Trauma = 1,

    /// <summary>Suspected acute stroke; see <see cref="PatientNeeds.LvoSuspected"/>.</summary>
    [JsonStringEnumMemberName("stroke")]
    Stroke = 2,

    /// <summary>ST-elevation myocardial infarction on the prehospital ECG: needs primary PCI.</summary>
    [JsonStringEnumMemberName("stemi")]
    Stemi = 3,

    [JsonStringEnumMemberName("sepsis")]
    Sepsis = 4,

    [JsonStringEnumMemberName("respiratory")]
    Respiratory = 5,

    /// <summary>Obstetric complaint (labour, bleeding in pregnancy, eclampsia): needs an obstetric unit.</summary>
    [JsonStringEnumMemberName("obstetric")]
    Obstetric = 6,

    /// <summary>A child: needs paediatric emergency care (as does any patient under <see cref="RankingOptions.PaediatricAgeBelow"/>).</summary>
    [JsonStringEnumMemberName("paediatric")]
    Paediatric = 7,
}

public static class DispatchConditionCodes
{
    /// <summary>Codes for error messages.</summary>
    public const string Codes = "trauma|stroke|stemi|sepsis|respiratory|obstetric|paediatric|other";

    /// <summary>The wire code.</summary>
    public static string ToCode(this DispatchCondition condition) => condition switch
    {
        DispatchCondition.Other => "other",
        DispatchCondition.Trauma => "trauma",
        DispatchCondition.Stroke => "stroke",
        DispatchCondition.Stemi => "stemi",
        DispatchCondition.Sepsis => "sepsis",
        DispatchCondition.Respiratory => "respiratory",
        DispatchCondition.Obstetric => "obstetric",
        DispatchCondition.Paediatric => "paediatric",
        _ => throw new ArgumentOutOfRangeException(nameof(condition), condition, null),
    };

    /// <summary>Parses the wire code (exact, lower case).</summary>
    public static bool TryParse(string? code, out DispatchCondition condition)
    {
        switch (code)
        {
            case "other": condition = DispatchCondition.Other; return true;
            case "trauma": condition = DispatchCondition.Trauma; return true;
            case "stroke": condition = DispatchCondition.Stroke; return true;
            case "stemi": condition = DispatchCondition.Stemi; return true;
            case "sepsis": condition = DispatchCondition.Sepsis; return true;
            case "respiratory": condition = DispatchCondition.Respiratory; return true;
            case "obstetric": condition = DispatchCondition.Obstetric; return true;
            case "paediatric": condition = DispatchCondition.Paediatric; return true;
            default: condition = default; return false;
        }
    }
}
