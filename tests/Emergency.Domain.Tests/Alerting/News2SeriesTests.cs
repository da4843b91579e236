using Emergency.Domain.Scoring;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using static Emergency.Domain.Tests.Alerting.TestVitals;

namespace Emergency.Domain.Tests.Alerting;

public class News2SeriesTests
{
    private static News2Point P(double seconds, int total, byte mask = News2Point.AllParameters) => new(At(seconds), total, mask);

    [Fact]
    public void Point_From_Result_MasksKnownParameters()
    {
        var complete = News2Calculator.Score(Normal);
        var partial = News2Calculator.Score(Normal with { Rr = null, Temp = null });

        Assert.Equal(News2Point.AllParameters, News2Point.From(At(0), complete).KnownParameters);
        Assert.Equal(0b0111110, News2Point.From(At(0), partial).KnownParameters);
        Assert.Equal(new News2Point(At(5), 0, News2Point.AllParameters), News2Point.From(At(5), complete));
    }

    [Fact]
    public void Add_KeepsOnlyChanges()
    {
        var series = new News2Series();

        Assert.True(series.Add(P(0, 1)));
        Assert.False(series.Add(P(1, 1)));
        Assert.True(series.Add(P(2, 3)));
        Assert.True(series.Add(P(3, 3, 0x3F)));
        Assert.False(series.Add(P(4, 3, 0x3F)));

        Assert.Equal([P(0, 1), P(2, 3), P(3, 3, 0x3F)], series.Points);
    }

    [Fact]
    public void Add_LatePoint_InsertedInOrder_LaterTwinDropped()
    {
        var series = new News2Series();
        series.Add(P(0, 1));
        series.Add(P(10, 4));

        Assert.True(series.Add(P(5, 4))); // 4 now holds from 5; the point at 10 added nothing

        Assert.Equal([P(0, 1), P(5, 4)], series.Points);
    }

    [Fact]
    public void Trim_KeepsRetentionAndTheValueInEffectAtItsStart()
    {
        var series = new News2Series(TimeSpan.FromMinutes(10));
        series.Add(P(0, 1));
        series.Add(P(60, 2));
        series.Add(P(120, 3));
        series.Add(P(900, 4)); // keep from 300: the point at 120 is in effect then

        Assert.Equal([P(120, 3), P(900, 4)], series.Points);
    }

    [Fact]
    public void Add_OlderThanRetention_Refused()
    {
        var series = new News2Series(TimeSpan.FromMinutes(10));
        series.Add(P(900, 4));

        Assert.False(series.Add(P(299, 1)));
        Assert.Single(series.Points);
    }

    [Fact]
    public void NonPositiveRetention_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new News2Series(TimeSpan.Zero));

    [Fact]
    public void OrleansSerializer_RoundTrips()
    {
        var series = new News2Series(TimeSpan.FromMinutes(20));
        series.Add(P(0, 1));
        series.Add(P(30, 5, 0x3F));

        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var copy = serializer.Deserialize<News2Series>(serializer.SerializeToArray(series));

        Assert.Equal(series.Points, copy!.Points);
        Assert.Equal(TimeSpan.FromMinutes(20), copy.Retention);
    }
}
