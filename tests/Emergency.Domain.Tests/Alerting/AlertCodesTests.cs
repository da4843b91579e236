using Emergency.Domain.Alerts;

namespace Emergency.Domain.Tests.Alerting;

public class AlertCodesTests
{
    [Theory]
    [InlineData(AlertKind.News2High, "news2-high")]
    [InlineData(AlertKind.SingleParameter, "single-parameter")]
    [InlineData(AlertKind.Qsofa, "qsofa")]
    [InlineData(AlertKind.ShockIndex, "shock-index")]
    [InlineData(AlertKind.Trend, "trend")]
    [InlineData(AlertKind.Predicted, "predicted")]
    public void Kind_Codes_RoundTrip(AlertKind kind, string code)
    {
        Assert.Equal(code, kind.ToCode());
        Assert.True(AlertKindCodes.TryParse(code, out var parsed));
        Assert.Equal(kind, parsed);
    }

    [Fact]
    public void Kind_All_CoversEveryValueOnce() =>
        Assert.Equal(Enum.GetValues<AlertKind>(), AlertKindCodes.All);

    [Fact]
    public void Kind_News2Based_OnlyNews2AndSingleParameter() =>
        Assert.Equal(
            [AlertKind.News2High, AlertKind.SingleParameter],
            AlertKindCodes.All.Where(k => k.IsNews2Based()));

    [Theory]
    [InlineData(AlertPriority.Low, "low")]
    [InlineData(AlertPriority.Medium, "medium")]
    [InlineData(AlertPriority.High, "high")]
    public void Priority_Codes_RoundTrip(AlertPriority priority, string code)
    {
        Assert.Equal(code, priority.ToCode());
        Assert.True(AlertPriorityCodes.TryParse(code, out var parsed));
        Assert.Equal(priority, parsed);
    }

    [Theory]
    [InlineData(AlertPriority.High, "IEC 60601-1-8 high priority: immediate operator response required")]
    [InlineData(AlertPriority.Medium, "IEC 60601-1-8 medium priority: prompt operator response required")]
    [InlineData(AlertPriority.Low, "IEC 60601-1-8 low priority: operator awareness required")]
    public void Priority_IecMapping(AlertPriority priority, string description) =>
        Assert.Equal(description, priority.ToIecDescription());

    [Theory]
    [InlineData(AlertPriority.Low, AlertPriority.Medium)]
    [InlineData(AlertPriority.Medium, AlertPriority.High)]
    [InlineData(AlertPriority.High, AlertPriority.High)]
    public void Priority_Escalated_OneLevelUp_HighStays(AlertPriority from, AlertPriority to) =>
        Assert.Equal(to, from.Escalated());

    [Fact]
    public void Priority_Ordered_LowBelowMediumBelowHigh()
    {
        Assert.True(AlertPriority.Low < AlertPriority.Medium);
        Assert.True(AlertPriority.Medium < AlertPriority.High);
    }

    [Theory]
    [InlineData(AlertState.Raised, "raised")]
    [InlineData(AlertState.Escalated, "escalated")]
    [InlineData(AlertState.Acknowledged, "acknowledged")]
    [InlineData(AlertState.Cleared, "cleared")]
    public void State_Codes_RoundTrip(AlertState state, string code)
    {
        Assert.Equal(code, state.ToCode());
        Assert.True(AlertStateCodes.TryParse(code, out var parsed));
        Assert.Equal(state, parsed);
    }

    [Theory]
    [InlineData(AlertEventKind.Raised, "raised")]
    [InlineData(AlertEventKind.Escalated, "escalated")]
    [InlineData(AlertEventKind.Acknowledged, "acknowledged")]
    [InlineData(AlertEventKind.Updated, "updated")]
    [InlineData(AlertEventKind.Cleared, "cleared")]
    public void EventKind_Codes_RoundTrip(AlertEventKind kind, string code)
    {
        Assert.Equal(code, kind.ToCode());
        Assert.True(AlertEventKindCodes.TryParse(code, out var parsed));
        Assert.Equal(kind, parsed);
    }

    [Fact]
    public void UnknownCodes_NotParsed()
    {
        Assert.False(AlertKindCodes.TryParse("news2-medium", out _));
        Assert.False(AlertPriorityCodes.TryParse("HIGH", out _));
        Assert.False(AlertStateCodes.TryParse("open", out _));
        Assert.False(AlertEventKindCodes.TryParse(null, out _));
    }

    [Fact]
    public void UndefinedValues_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ((AlertKind)99).ToCode());
        Assert.Throws<ArgumentOutOfRangeException>(() => ((AlertPriority)99).ToCode());
        Assert.Throws<ArgumentOutOfRangeException>(() => ((AlertPriority)99).ToIecDescription());
        Assert.Throws<ArgumentOutOfRangeException>(() => ((AlertState)99).ToCode());
        Assert.Throws<ArgumentOutOfRangeException>(() => ((AlertEventKind)99).ToCode());
    }

    [Fact]
    public void ClearReasons()
    {
        Assert.Equal("resolved", AlertClearReasons.Resolved);
        Assert.Equal("superseded", AlertClearReasons.Superseded);
        Assert.Equal("NEWS2 not applicable: pregnant", AlertClearReasons.News2NotApplicable("pregnant"));
        Assert.Equal("NEWS2 not applicable: patient context", AlertClearReasons.News2NotApplicable(null));
    }
}
