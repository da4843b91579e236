using Emergency.Domain.Dispatch;
using Emergency.Domain.Hospitals;

namespace Emergency.Domain.Tests.Dispatch;

public sealed class ResusHoldRulesTests
{
    private static readonly DateTimeOffset Decided = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(15);

    [Fact]
    public void A_hold_lasts_the_grace_past_the_eta() =>
        Assert.Equal(Decided.AddMinutes(12 + 15), ResusHoldRules.Until(Decided, Decided.AddMinutes(12), Grace));

    [Fact]
    public void Without_an_eta_the_hold_lasts_the_grace_from_the_decision() =>
        Assert.Equal(Decided.AddMinutes(15), ResusHoldRules.Until(Decided, null, Grace));

    [Fact]
    public void An_eta_already_past_counts_from_the_decision() =>
        Assert.Equal(Decided.AddMinutes(15), ResusHoldRules.Until(Decided, Decided.AddMinutes(-3), Grace));

    [Fact]
    public void The_default_grace_is_15_minutes() => Assert.Equal(TimeSpan.FromMinutes(15), ResusHoldRules.DefaultGrace);

    [Fact]
    public void A_hold_is_in_force_until_its_time_out_and_not_at_it()
    {
        var until = Decided.AddMinutes(27);
        Assert.True(ResusHoldRules.IsActive(until, until.AddTicks(-1)));
        Assert.False(ResusHoldRules.IsActive(until, until));
        Assert.False(ResusHoldRules.IsActive(until, until.AddTicks(1)));
        Assert.False(ResusHoldRules.IsActive(null, Decided));
    }

    [Theory]
    [InlineData(2, 0, 2)]
    [InlineData(2, 1, 1)]
    [InlineData(2, 2, 0)]
    [InlineData(1, 3, 0)]
    [InlineData(0, 1, 0)]
    public void Holds_for_others_lower_the_free_bays_offered_never_below_zero(int free, int held, int offered)
    {
        var reported = new HospitalCapacity(4, free, 40, 6, 2, true);

        var result = ResusHoldRules.OfferedTo(reported, held);

        Assert.Equal(offered, result.ResusBaysFree);
        Assert.Equal(reported with { ResusBaysFree = offered }, result);
    }

    [Fact]
    public void A_negative_hold_count_is_a_bug() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ResusHoldRules.OfferedTo(new HospitalCapacity(4, 1, 40, 6, 2, true), -1));
}
