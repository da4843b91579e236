using Emergency.Domain.Geo;

namespace Emergency.Domain.Tests.Dispatch;

public class EtaModelTests
{
    // 2026-11-23 in UTC; the model reads local time in the configured zone.
    private static DateTimeOffset Utc(int hour, int minute = 0) => new(2026, 11, 23, hour, minute, 0, TimeSpan.Zero);

    private static readonly GeoPoint Origin = new(0, 0);

    // A point due east on the equator whose great-circle distance is exactly km kilometres.
    private static GeoPoint EastOnEquator(double km) => new(0, km / GreatCircle.EarthMeanRadiusKm * 180 / Math.PI);

    [Fact]
    public void SamePoint_IsZero()
    {
        var model = new EtaModel();
        Assert.Equal(TimeSpan.Zero, model.Estimate(Origin, Origin, Utc(12)));
    }

    [Fact]
    public void SamePoint_WithHandoverAllowance_IsJustTheAllowance()
    {
        var model = new EtaModel(new EtaOptions { HandoverAllowance = TimeSpan.FromMinutes(10) });
        Assert.Equal(TimeSpan.FromMinutes(10), model.Estimate(Origin, Origin, Utc(12)));
    }

    [Fact]
    public void HandoverAllowance_IsAddedToDriveTime()
    {
        var model = new EtaModel(new EtaOptions { HandoverAllowance = TimeSpan.FromMinutes(10) });
        // 35 km × 1.3 at 35 km/h = 78 min, + 10
        Assert.Equal(88, model.Estimate(Origin, EastOnEquator(35), Utc(12))!.Value.TotalMinutes, 6);
    }

    [Theory]
    // Units: minutes = km × 1.3 ÷ speed × 60
    [InlineData(0, 55, 10 * 1.3 / 55 * 60)]   // night
    [InlineData(8, 25, 10 * 1.3 / 25 * 60)]   // morning rush
    [InlineData(12, 35, 10 * 1.3 / 35 * 60)]  // day
    [InlineData(18, 25, 10 * 1.3 / 25 * 60)]  // evening rush
    [InlineData(22, 35, 10 * 1.3 / 35 * 60)]  // evening
    public void TenKilometres_ByTimeOfDay(int hour, double speedKmh, double expectedMinutes)
    {
        var model = new EtaModel();
        Assert.Equal(speedKmh, model.SpeedKmhAt(Utc(hour)));
        Assert.Equal(expectedMinutes, model.Estimate(Origin, EastOnEquator(10), Utc(hour))!.Value.TotalMinutes, 6);
    }

    [Fact]
    public void NightIsFasterThanRushHour()
    {
        var model = new EtaModel();
        var night = model.Estimate(Origin, EastOnEquator(12), Utc(3))!.Value;
        var rush = model.Estimate(Origin, EastOnEquator(12), Utc(8))!.Value;
        Assert.True(night < rush);
        Assert.Equal(55.0 / 25.0, rush / night, 6);
    }

    // Band edges: start inclusive, end exclusive.
    [Theory]
    [InlineData(0, 0, 55)]
    [InlineData(5, 59, 55)]
    [InlineData(6, 0, 35)]
    [InlineData(6, 59, 35)]
    [InlineData(7, 0, 25)]
    [InlineData(8, 59, 25)]
    [InlineData(9, 0, 35)]
    [InlineData(16, 59, 35)]
    [InlineData(17, 0, 25)]
    [InlineData(18, 59, 25)]
    [InlineData(19, 0, 35)]
    [InlineData(23, 59, 35)]
    public void DefaultBands_BoundaryMinutes(int hour, int minute, double expectedKmh) =>
        Assert.Equal(expectedKmh, new EtaModel().SpeedKmhAt(Utc(hour, minute)));

    [Fact]
    public void BoundaryIsExact_ToTheTick()
    {
        var model = new EtaModel();
        Assert.Equal(55, model.SpeedKmhAt(Utc(6).AddTicks(-1)));
        Assert.Equal(35, model.SpeedKmhAt(Utc(6)));
    }

    [Fact]
    public void LocalTime_IsTakenInTheConfiguredZone()
    {
        // 00:30 UTC is 08:30 in Shanghai (UTC+8, no daylight saving): morning rush, not night.
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var model = new EtaModel(new EtaOptions { TimeZone = shanghai });
        Assert.Equal(25, model.SpeedKmhAt(Utc(0, 30)));
        Assert.Equal(55, new EtaModel().SpeedKmhAt(Utc(0, 30)));
    }

    [Fact]
    public void DepartureOffset_DoesNotMatter_OnlyTheInstant()
    {
        // The same instant written with two offsets gives the same answer.
        var model = new EtaModel();
        var utc = Utc(8);
        var sameInstantInShanghai = utc.ToOffset(TimeSpan.FromHours(8));
        Assert.Equal(model.SpeedKmhAt(utc), model.SpeedKmhAt(sameInstantInShanghai));
    }

    [Fact]
    public void DetourFactor_ScalesRoadDistance()
    {
        var model = new EtaModel(new EtaOptions { DetourFactor = 1.5 });
        Assert.Equal(15, model.RoadDistanceKm(Origin, EastOnEquator(10)), 6);
    }

    [Fact]
    public void AntimeridianPair_UsesTheShortWay()
    {
        var model = new EtaModel();
        // 111.195 km × 1.3 ÷ 35 km/h ≈ 247.8 min; the long way would be ~88,000 min.
        var eta = model.Estimate(new GeoPoint(0, 179.5), new GeoPoint(0, -179.5), Utc(12))!.Value;
        Assert.Equal(111.195 * 1.3 / 35 * 60, eta.TotalMinutes, 1);
    }

    [Fact]
    public void WrappingBand_CoversMidnight()
    {
        var options = new EtaOptions
        {
            SpeedBands = [new SpeedBand("late", new TimeOnly(22, 0), new TimeOnly(2, 0), 60)],
            DefaultSpeedKmh = 30,
        };
        var model = new EtaModel(options);
        Assert.Equal(30, model.SpeedKmhAt(Utc(21, 59)));
        Assert.Equal(60, model.SpeedKmhAt(Utc(22, 0)));
        Assert.Equal(60, model.SpeedKmhAt(Utc(0, 0)));
        Assert.Equal(60, model.SpeedKmhAt(Utc(1, 59)));
        Assert.Equal(30, model.SpeedKmhAt(Utc(2, 0)));
    }

    [Fact]
    public void OverlappingBands_FirstWins()
    {
        var options = new EtaOptions
        {
            SpeedBands =
            [
                new SpeedBand("a", new TimeOnly(8, 0), new TimeOnly(10, 0), 20),
                new SpeedBand("b", new TimeOnly(9, 0), new TimeOnly(11, 0), 40),
            ],
        };
        var model = new EtaModel(options);
        Assert.Equal(20, model.SpeedKmhAt(Utc(9, 30)));
        Assert.Equal(40, model.SpeedKmhAt(Utc(10, 30)));
    }

    [Fact]
    public void NoBands_DefaultSpeedAllDay()
    {
        var model = new EtaModel(new EtaOptions { SpeedBands = [] });
        Assert.Equal(EtaOptions.DefaultDaySpeedKmh, model.SpeedKmhAt(Utc(3)));
        Assert.Equal(EtaOptions.DefaultDaySpeedKmh, model.SpeedKmhAt(Utc(8)));
    }

    [Fact]
    public void OptionsAreCopied_LaterChangesDoNotLeakIn()
    {
        var options = new EtaOptions();
        var model = new EtaModel(options);
        options.DetourFactor = 3;
        options.DefaultSpeedKmh = 1;
        Assert.Equal(35, model.SpeedKmhAt(Utc(12)));
        Assert.Equal(13, model.RoadDistanceKm(Origin, EastOnEquator(10)), 6);
    }

    [Fact]
    public void Defaults_AreTheDocumentedConstants()
    {
        var options = new EtaOptions();
        Assert.Equal(1.3, options.DetourFactor);
        Assert.Equal(35, options.DefaultSpeedKmh);
        Assert.Equal(TimeSpan.Zero, options.HandoverAllowance);
        Assert.Same(TimeZoneInfo.Utc, options.TimeZone);
        Assert.Collection(options.SpeedBands,
            b => Assert.Equal(new SpeedBand("night", new TimeOnly(0, 0), new TimeOnly(6, 0), 55), b),
            b => Assert.Equal(new SpeedBand("morning rush", new TimeOnly(7, 0), new TimeOnly(9, 0), 25), b),
            b => Assert.Equal(new SpeedBand("evening rush", new TimeOnly(17, 0), new TimeOnly(19, 0), 25), b));
    }

    public static TheoryData<string, EtaOptions> BadOptions => new()
    {
        { "DetourFactor", new EtaOptions { DetourFactor = 0.9 } },
        { "DetourFactor", new EtaOptions { DetourFactor = double.NaN } },
        { "DefaultSpeedKmh", new EtaOptions { DefaultSpeedKmh = 0 } },
        { "DefaultSpeedKmh", new EtaOptions { DefaultSpeedKmh = double.PositiveInfinity } },
        { "HandoverAllowance", new EtaOptions { HandoverAllowance = TimeSpan.FromMinutes(-1) } },
        { "SpeedBands[0] (x): start and end", new EtaOptions { SpeedBands = [new SpeedBand("x", new TimeOnly(7, 0), new TimeOnly(7, 0), 30)] } },
        { "SpeedBands[1] (y): SpeedKmh", new EtaOptions { SpeedBands = [new SpeedBand("x", new TimeOnly(7, 0), new TimeOnly(8, 0), 30), new SpeedBand("y", new TimeOnly(8, 0), new TimeOnly(9, 0), -5)] } },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void InvalidOptions_AreRefused_NamingTheSetting(string named, EtaOptions options)
    {
        var ex = Assert.Throws<ArgumentException>(() => new EtaModel(options));
        Assert.Contains(named, ex.Message);
    }

    [Fact]
    public void InvalidPoint_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new EtaModel().Estimate(new GeoPoint(91, 0), Origin, Utc(12)));
}
