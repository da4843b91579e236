using System.Collections.Immutable;
using System.Globalization;
using Emergency.Domain.Scoring;

namespace Emergency.Domain.Alerts;

/// <summary>
/// Turns scores into the conditions that call for an alert now, each with its priority and a reason for people.
/// </summary>
/// <remarks>
/// <list type="table">
/// <item><term><see cref="AlertKind.News2High"/></term><description>NEWS2 risk medium (total 5–6) → medium; high
/// (7 or more) → high. Reason: "NEWS2 8 (RR 3, SpO2 3, HR 2)", every parameter that scores, in chart order, and
/// "; incomplete" when some parameter is unknown.</description></item>
/// <item><term><see cref="AlertKind.SingleParameter"/></term><description>Any NEWS2 parameter scoring 3 →
/// <see cref="AlertOptions.SingleParameterPriority"/> (medium). Reported on its own even when the aggregate also
/// triggers, so the parameter that drives the response is named and acknowledging one alert does not silence the
/// other.</description></item>
/// <item><term><see cref="AlertKind.Qsofa"/></term><description>qSOFA positive → <see cref="AlertOptions.QsofaPriority"/> (high).</description></item>
/// <item><term><see cref="AlertKind.ShockIndex"/></term><description>Shock index in
/// <see cref="AlertOptions.ShockIndexAlertBand"/> (high, ≥ 1.0) or above → <see cref="AlertOptions.ShockIndexPriority"/> (high).</description></item>
/// <item><term><see cref="AlertKind.Trend"/></term><description>Any trend finding → <see cref="AlertOptions.TrendPriority"/> (medium).</description></item>
/// </list>
/// <para>
/// When NEWS2 does not apply to the patient, neither NEWS2 kind is produced and a NEWS2-rising finding does not
/// count towards a trend. Additional conditions are merged in; where a kind appears twice, the higher priority wins
/// (the first on a tie).
/// </para>
/// </remarks>
public static class AlertConditions
{
    /// <summary>The conditions present in <paramref name="inputs"/>, at most one per kind, in <see cref="AlertKind"/> order.</summary>
    public static ImmutableArray<AlertCondition> Evaluate(AlertInputs inputs, AlertOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        options ??= AlertOptions.Default;
        bool news2Applies = inputs.Applicability.Applicable;

        var found = new List<AlertCondition>();
        if (news2Applies && inputs.News2 is { } news2)
        {
            if (news2.Risk is News2Risk.Medium or News2Risk.High)
            {
                var priority = news2.Risk == News2Risk.High ? AlertPriority.High : AlertPriority.Medium;
                found.Add(new AlertCondition(AlertKind.News2High, priority, News2Reason(news2), news2.Total));
            }

            var threes = ParametersAtThree(news2);
            if (threes.Count > 0)
            {
                string reason = (threes.Count == 1 ? "NEWS2 parameter scoring 3: " : "NEWS2 parameters scoring 3: ")
                    + string.Join(", ", threes);
                found.Add(new AlertCondition(AlertKind.SingleParameter, options.SingleParameterPriority, reason, threes.Count));
            }
        }

        if (inputs.Qsofa is { Positive: true } qsofa)
        {
            found.Add(new AlertCondition(AlertKind.Qsofa, options.QsofaPriority, QsofaReason(qsofa), qsofa.Points));
        }

        if (inputs.ShockIndex is { } si && si.Band >= options.ShockIndexAlertBand)
        {
            string reason = string.Create(CultureInfo.InvariantCulture,
                $"Shock index {si.Value:0.00} ({si.Band.ToCode()}; HR {si.Hr:0.#} / SBP {si.Sbp:0.#})");
            found.Add(new AlertCondition(AlertKind.ShockIndex, options.ShockIndexPriority, reason, (int)si.Band));
        }

        if (inputs.Trends is { } trends)
        {
            var reasons = trends.Findings
                .Where(f => news2Applies || f.Kind != TrendKind.News2Rising)
                .Select(f => f.Reason)
                .ToList();
            if (reasons.Count > 0)
            {
                found.Add(new AlertCondition(AlertKind.Trend, options.TrendPriority, string.Join("; ", reasons)));
            }
        }

        foreach (var extra in inputs.AdditionalConditions)
        {
            if (extra is null || (!news2Applies && extra.Kind.IsNews2Based())) continue;
            found.Add(extra);
        }

        return OnePerKind(found);
    }

    /// <summary>"NEWS2 8 (RR 3, SpO2 3, HR 2)": the total, then every parameter that scores, in chart order.</summary>
    public static string News2Reason(in News2Result news2)
    {
        var parts = new List<string>(7);
        Part(parts, "RR", news2.Rr);
        Part(parts, "SpO2", news2.Spo2);
        Part(parts, "O2", news2.O2);
        Part(parts, "SBP", news2.Sbp);
        Part(parts, "HR", news2.Hr);
        Part(parts, "ACVPU", news2.Acvpu);
        Part(parts, "Temp", news2.Temp);

        string scored = string.Join(", ", parts);
        string detail = news2.Complete ? scored : scored.Length == 0 ? "incomplete" : scored + "; incomplete";
        string total = news2.Total.ToString(CultureInfo.InvariantCulture);
        return detail.Length == 0 ? $"NEWS2 {total}" : $"NEWS2 {total} ({detail})";
    }

    private static string QsofaReason(in QsofaResult qsofa)
    {
        var met = new List<string>(3);
        if (qsofa.RespiratoryRate == CriterionState.Met) met.Add($"RR ≥{QsofaCalculator.RespiratoryRateThreshold}");
        if (qsofa.AlteredMentation == CriterionState.Met) met.Add("altered mentation");
        if (qsofa.SystolicBp == CriterionState.Met) met.Add($"SBP ≤{QsofaCalculator.SystolicThreshold}");
        return $"qSOFA {qsofa.Points} ({string.Join(", ", met)})";
    }

    private static List<string> ParametersAtThree(in News2Result news2)
    {
        var names = new List<string>(2);
        if (news2.Rr == 3) names.Add("RR");
        if (news2.Spo2 == 3) names.Add("SpO2");
        if (news2.Sbp == 3) names.Add("SBP");
        if (news2.Hr == 3) names.Add("HR");
        if (news2.Acvpu == 3) names.Add("ACVPU");
        if (news2.Temp == 3) names.Add("Temp");
        return names;
    }

    private static void Part(List<string> parts, string name, int? score)
    {
        if (score is > 0) parts.Add(string.Create(CultureInfo.InvariantCulture, $"{name} {score}"));
    }

    private static ImmutableArray<AlertCondition> OnePerKind(List<AlertCondition> found)
    {
        var result = ImmutableArray.CreateBuilder<AlertCondition>();
        foreach (var kind in AlertKindCodes.All)
        {
            AlertCondition? best = null;
            foreach (var condition in found)
            {
                if (condition.Kind == kind && (best is null || condition.Priority > best.Priority)) best = condition;
            }
            if (best is not null) result.Add(best);
        }
        return result.ToImmutable();
    }
}
