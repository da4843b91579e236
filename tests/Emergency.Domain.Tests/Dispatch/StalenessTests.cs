using Emergency.Domain.Hospitals;

namespace Emergency.Domain.Tests.Dispatch;

public class StalenessTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 6, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, false)]
    [InlineData(59, false)]
    [InlineData(60, false)]      // exactly the maximum age: still fresh
    [InlineData(61, true)]
    [InlineData(75, true)]
    [InlineData(-30, false)]     // report time ahead of our clock
    public void DefaultMaxAge_SixtyMinutes(int minutesOld, bool stale) =>
        Assert.Equal(stale, Staleness.IsStale(Now.AddMinutes(-minutesOld), Now));

    [Fact]
    public void OneTickPastTheMaximum_IsStale()
    {
        Assert.False(Staleness.IsStale(Now - Staleness.DefaultMaxAge, Now));
        Assert.True(Staleness.IsStale(Now - Staleness.DefaultMaxAge - TimeSpan.FromTicks(1), Now));
    }

    [Theory]
    [InlineData(15, 15, false)]
    [InlineData(16, 15, true)]
    [InlineData(1, 0, true)]
    [InlineData(0, 0, false)]
    public void ConfigurableMaxAge(int minutesOld, int maxMinutes, bool stale) =>
        Assert.Equal(stale, Staleness.IsStale(Now.AddMinutes(-minutesOld), Now, TimeSpan.FromMinutes(maxMinutes)));

    [Fact]
    public void OffsetsDoNotMatter_OnlyInstants()
    {
        var updatedInShanghai = Now.AddMinutes(-61).ToOffset(TimeSpan.FromHours(8));
        Assert.True(Staleness.IsStale(updatedInShanghai, Now));
    }

    [Fact]
    public void Age_IsNeverNegative()
    {
        Assert.Equal(TimeSpan.Zero, Staleness.Age(Now.AddMinutes(5), Now));
        Assert.Equal(TimeSpan.FromMinutes(75), Staleness.Age(Now.AddMinutes(-75), Now));
    }

    [Fact]
    public void NegativeMaxAge_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Staleness.IsStale(Now, Now, TimeSpan.FromSeconds(-1)));

    [Fact]
    public void Default_IsSixtyMinutes() => Assert.Equal(TimeSpan.FromMinutes(60), Staleness.DefaultMaxAge);
}
