namespace Emergency.Domain.Alerts;

/// <summary>What an alert is about. A patient has at most one open alert of each kind.</summary>
public enum AlertKind : byte
{
    /// <summary>
    /// The NEWS2 aggregate reached a trigger threshold: medium clinical risk (5–6) raises it at medium priority, high
    /// risk (7 or more) at high priority. One kind covers both so that a rise from medium to high is the same alert
    /// worsening, not a second alert; the wire code <c>news2-high</c> is kept from the contract.
    /// </summary>
    News2High = 0,

    /// <summary>A single NEWS2 parameter scores 3 (RCP 2017: urgent ward-based response).</summary>
    SingleParameter = 1,

    /// <summary>qSOFA positive (2 or more criteria).</summary>
    Qsofa = 2,

    /// <summary>Shock index in the alerting band (<see cref="AlertOptions.ShockIndexAlertBand"/>, default high: ≥ 1.0).</summary>
    ShockIndex = 3,

    /// <summary>A deterioration trend (NEWS2 rising, SpO2 falling, heart rate rising, systolic falling).</summary>
    Trend = 4,

    /// <summary>
    /// Reserved for a predictive model's warning. Nothing here produces it; a caller may pass one in
    /// <see cref="AlertInputs.AdditionalConditions"/>.
    /// </summary>
    Predicted = 5,

    /// <summary>
    /// ST elevation in the live ECG meets the contiguous-lead criteria (<see cref="Ecg.Analysis.StemiCriteria"/>):
    /// "possible STEMI — confirm", for a clinician to read the 12-lead and confirm or dismiss; never a diagnosis.
    /// Numbered apart from the vital-sign kinds so that kinds added beside those keep their numbers.
    /// </summary>
    PossibleStemi = 10,
}

public static class AlertKindCodes
{
    /// <summary>Every kind, in the order conditions and events are processed.</summary>
    public static readonly IReadOnlyList<AlertKind> All =
    [
        AlertKind.News2High, AlertKind.SingleParameter, AlertKind.Qsofa,
        AlertKind.ShockIndex, AlertKind.Trend, AlertKind.Predicted,
        AlertKind.PossibleStemi,
    ];

    /// <summary>
    /// Wire code: <c>news2-high</c>, <c>single-parameter</c>, <c>qsofa</c>, <c>shock-index</c>, <c>trend</c> or
    /// <c>predicted</c>.
    /// </summary>
    public static string ToCode(this AlertKind kind) => kind switch
    {
        AlertKind.News2High => "news2-high",
        AlertKind.SingleParameter => "single-parameter",
        AlertKind.Qsofa => "qsofa",
        AlertKind.ShockIndex => "shock-index",
        AlertKind.Trend => "trend",
        AlertKind.Predicted => "predicted",
        AlertKind.PossibleStemi => "possible-stemi",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static bool TryParse(string? code, out AlertKind kind)
    {
        switch (code)
        {
            case "news2-high": kind = AlertKind.News2High; return true;
            case "single-parameter": kind = AlertKind.SingleParameter; return true;
            case "qsofa": kind = AlertKind.Qsofa; return true;
            case "shock-index": kind = AlertKind.ShockIndex; return true;
            case "trend": kind = AlertKind.Trend; return true;
            case "predicted": kind = AlertKind.Predicted; return true;
            case "possible-stemi": kind = AlertKind.PossibleStemi; return true;
            default: kind = default; return false;
        }
    }

    /// <summary>
    /// Kinds that exist only through NEWS2 and are withdrawn when NEWS2 does not apply to the patient. (A trend alert
    /// loses only its NEWS2-rising finding.)
    /// </summary>
    public static bool IsNews2Based(this AlertKind kind) => kind is AlertKind.News2High or AlertKind.SingleParameter;
}
