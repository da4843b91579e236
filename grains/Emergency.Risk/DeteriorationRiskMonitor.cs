using System.Collections.Immutable;
using System.Globalization;
using Emergency.Domain.Alerts;
using Emergency.Domain.Patients;
using Emergency.Domain.Risk;
using Emergency.Domain.Vitals;

namespace Emergency.Risk;

/// <summary>
/// One patient's deterioration-risk estimate: scores the rolling window at most every
/// <see cref="RiskOptions.ScoreInterval"/> of measurement time and turns an estimate at or above the threshold into a
/// <see cref="AlertKind.Predicted"/> condition for the alert state machine. Belongs to one grain activation (its
/// scorer's prediction engine is not thread-safe).
/// </summary>
public sealed class DeteriorationRiskMonitor
{
    /// <summary>A monitor that never scores (risk disabled, or no model could be loaded).</summary>
    public static readonly DeteriorationRiskMonitor Off = new(null, new RiskOptions { Enabled = false }, 1);

    private readonly RiskScorer? _scorer;
    private readonly RiskOptions _options;
    private readonly double _threshold;
    private long _lastScoredMs = long.MinValue;

    internal DeteriorationRiskMonitor(RiskScorer? scorer, RiskOptions options, double threshold)
    {
        _scorer = scorer;
        _options = options;
        _threshold = threshold;
    }

    /// <summary>The newest estimate; null before the first.</summary>
    public RiskAssessment? Current { get; private set; }

    /// <summary>The predicted-deterioration condition while the estimate is at or above the threshold; empty otherwise.</summary>
    public ImmutableArray<AlertCondition> Conditions { get; private set; } = [];

    /// <summary>The features of the last estimate (model order).</summary>
    public ReadOnlySpan<float> LastFeatures => _scorer is null ? default : _scorer.LastFeatures;

    /// <summary>Scores the window for <paramref name="measuredAt"/> if the interval has passed; true when it did.</summary>
    public bool Update(IReadOnlyList<VitalsSample> window, PatientContext? context, DateTimeOffset measuredAt)
    {
        if (_scorer is null)
        {
            return false;
        }
        var atMs = measuredAt.ToUnixTimeMilliseconds();
        if (_lastScoredMs != long.MinValue && atMs - _lastScoredMs < (long)_options.ScoreInterval.TotalMilliseconds && atMs >= _lastScoredMs)
        {
            return false;
        }
        _lastScoredMs = atMs;
        Take(_scorer.Assess(window, RiskContext.From(context), atMs, _threshold, _options.TopFactors));
        return true;
    }

    /// <summary>Takes back a stored estimate (after a restart) until the next one is made.</summary>
    public void Restore(RiskAssessment? assessment)
    {
        if (_scorer is null || assessment is null)
        {
            return;
        }
        Take(assessment);
    }

    private void Take(RiskAssessment assessment)
    {
        Current = assessment;
        Conditions = assessment.AboveThreshold ? [new AlertCondition(AlertKind.Predicted, _options.AlertPriority, Reason(assessment))] : [];
    }

    /// <summary>"Predicted deterioration 41 % within 30 min (sbp_slope_15m, hr, …); simulated-data model …".</summary>
    private static string Reason(RiskAssessment a)
    {
        var factors = string.Join(", ", a.TopFactors.Select(f => f.Feature));
        var percent = (a.Probability * 100).ToString("0", CultureInfo.InvariantCulture);
        return $"Predicted deterioration {percent} % within 30 min ({factors}); model {a.ModelVersion}, {a.TrainedOn}";
    }
}
