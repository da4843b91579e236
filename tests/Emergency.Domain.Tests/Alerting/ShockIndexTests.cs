using Emergency.Domain.Scoring;
using Emergency.Domain.Vitals;
using static Emergency.Domain.Tests.Alerting.TestVitals;

namespace Emergency.Domain.Tests.Alerting;

public class ShockIndexTests
{
    [Theory]
    [InlineData(0.0, ShockIndexBand.Normal)]
    [InlineData(0.58, ShockIndexBand.Normal)]
    [InlineData(0.899, ShockIndexBand.Normal)]
    [InlineData(0.9, ShockIndexBand.Elevated)]
    [InlineData(0.999, ShockIndexBand.Elevated)]
    [InlineData(1.0, ShockIndexBand.High)]
    [InlineData(1.399, ShockIndexBand.High)]
    [InlineData(1.4, ShockIndexBand.Severe)]
    [InlineData(3.0, ShockIndexBand.Severe)]
    public void BandOf_Edges(double index, ShockIndexBand expected) =>
        Assert.Equal(expected, ShockIndex.BandOf(index));

    [Fact]
    public void BandOf_NaN_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ShockIndex.BandOf(double.NaN));

    // The same edges through readings: the quotient is not rounded.
    [Theory]
    [InlineData(89.9, 100, 0.899, ShockIndexBand.Normal)]
    [InlineData(90, 100, 0.9, ShockIndexBand.Elevated)]
    [InlineData(99.9, 100, 0.999, ShockIndexBand.Elevated)]
    [InlineData(100, 100, 1.0, ShockIndexBand.High)]
    [InlineData(139.9, 100, 1.399, ShockIndexBand.High)]
    [InlineData(140, 100, 1.4, ShockIndexBand.Severe)]
    [InlineData(126, 90, 1.4, ShockIndexBand.Severe)]
    [InlineData(70, 120, 70.0 / 120.0, ShockIndexBand.Normal)]
    public void Compute_FromReadings(double hr, double sbp, double expectedIndex, ShockIndexBand expectedBand)
    {
        var result = ShockIndex.Compute(hr, sbp);

        Assert.NotNull(result);
        Assert.Equal(expectedIndex, result.Value.Value, 12);
        Assert.Equal(expectedBand, result.Value.Band);
        Assert.Equal(hr, result.Value.Hr);
        Assert.Equal(sbp, result.Value.Sbp);
    }

    [Theory]
    [InlineData(null, 120.0)]
    [InlineData(80.0, null)]
    [InlineData(80.0, 0.0)]
    [InlineData(80.0, -10.0)]
    [InlineData(-1.0, 120.0)]
    [InlineData(double.NaN, 120.0)]
    [InlineData(80.0, double.NaN)]
    [InlineData(double.PositiveInfinity, 120.0)]
    public void Compute_Unusable_IsNull(double? hr, double? sbp) =>
        Assert.Null(ShockIndex.Compute(hr, sbp));

    [Fact]
    public void Compute_FromVitals_UsesHrAndSbp()
    {
        var result = ShockIndex.Compute(Normal with { Hr = 110, Sbp = 100 });

        Assert.Equal(1.1, result!.Value.Value, 12);
        Assert.Equal(ShockIndexBand.High, result.Value.Band);
    }

    [Theory]
    [InlineData(ShockIndexBand.Normal, "normal")]
    [InlineData(ShockIndexBand.Elevated, "elevated")]
    [InlineData(ShockIndexBand.High, "high")]
    [InlineData(ShockIndexBand.Severe, "severe")]
    public void Band_Codes_RoundTrip(ShockIndexBand band, string code)
    {
        Assert.Equal(code, band.ToCode());
        Assert.True(ShockIndexBandCodes.TryParse(code, out var parsed));
        Assert.Equal(band, parsed);
    }

    private static VitalsSample Sample(double seconds, double? hr, double? sbp) =>
        VitalsSample.From(At(seconds), VitalSigns.Empty with { Hr = hr, Sbp = sbp });

    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);

    [Fact]
    public void Trend_DifferenceBetweenNowAndLookbackAgo()
    {
        var samples = new[]
        {
            Sample(0, 80, 120),    // 0.667, the value when the look-back starts
            Sample(60, 90, 120),
            Sample(300, 100, 100), // 1.0 now
        };

        var trend = ShockIndex.Trend(samples, At(300), FiveMinutes);

        Assert.NotNull(trend);
        Assert.Equal(1.0, trend.Value.Current, 6);
        Assert.Equal(80.0 / 120.0, trend.Value.Earlier, 6);
        Assert.Equal(1.0 - 80.0 / 120.0, trend.Value.Delta, 6);
        Assert.Equal(At(300), trend.Value.CurrentAt);
        Assert.Equal(At(0), trend.Value.EarlierAt);
    }

    [Fact]
    public void Trend_EarlierIsLatestAtOrBeforeLookbackStart()
    {
        var samples = new[] { Sample(-100, 60, 120), Sample(-10, 75, 150), Sample(10, 90, 90), Sample(290, 90, 100) };

        var trend = ShockIndex.Trend(samples, At(290), FiveMinutes)!.Value;

        Assert.Equal(At(-10), trend.EarlierAt);
        Assert.Equal(0.5, trend.Earlier, 6);
        Assert.Equal(0.9, trend.Current, 6);
    }

    [Fact]
    public void Trend_SkipsSamplesWithoutBothValues()
    {
        var samples = new[] { Sample(0, 60, 120), Sample(1, 70, null), Sample(200, 100, 100), Sample(299, null, 80) };

        var trend = ShockIndex.Trend(samples, At(300), FiveMinutes)!.Value;

        Assert.Equal(At(200), trend.CurrentAt);
        Assert.Equal(At(0), trend.EarlierAt);
        Assert.Equal(0.5, trend.Delta, 6);
    }

    [Fact]
    public void Trend_IgnoresSamplesAfterNow()
    {
        var samples = new[] { Sample(0, 60, 120), Sample(100, 80, 100), Sample(400, 150, 80) };

        var trend = ShockIndex.Trend(samples, At(300), FiveMinutes)!.Value;

        Assert.Equal(At(100), trend.CurrentAt);
    }

    [Fact]
    public void Trend_NoEarlierReading_IsNull() =>
        Assert.Null(ShockIndex.Trend([Sample(10, 60, 120), Sample(200, 80, 100)], At(300), FiveMinutes));

    [Fact]
    public void Trend_EarlierOlderThanTwoLookbacks_IsNull() =>
        Assert.Null(ShockIndex.Trend([Sample(-301, 60, 120), Sample(200, 80, 100)], At(300), FiveMinutes));

    [Fact]
    public void Trend_EarlierExactlyTwoLookbacksBack_IsUsed() =>
        Assert.NotNull(ShockIndex.Trend([Sample(-300, 60, 120), Sample(200, 80, 100)], At(300), FiveMinutes));

    [Fact]
    public void Trend_NoCurrentReading_IsNull() =>
        Assert.Null(ShockIndex.Trend([Sample(-10, 60, 120), Sample(0, 80, 100)], At(300), FiveMinutes));

    [Fact]
    public void Trend_Empty_IsNull() =>
        Assert.Null(ShockIndex.Trend([], At(300), FiveMinutes));

    [Fact]
    public void Trend_NonPositiveLookback_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ShockIndex.Trend([], At(0), TimeSpan.Zero));
}
