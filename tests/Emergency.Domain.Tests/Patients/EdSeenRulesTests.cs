using Emergency.Domain.Patients;

namespace Emergency.Domain.Tests.Patients;

public sealed class EdSeenRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 6, 2, 0, TimeSpan.Zero);

    [Fact]
    public void Seen_for_the_destination_records_the_trimmed_name_the_time_and_the_hospital()
    {
        var decision = EdSeenRules.Decide(null, "  dr.chen ", hospitalId: null, destinationHospitalId: "H-03", Now);

        Assert.Equal(EdSeenStatus.Ok, decision.Status);
        Assert.True(decision.Changed);
        Assert.Null(decision.Error);
        Assert.Equal(new EdSeen("dr.chen", Now, "H-03"), decision.Seen);
    }

    [Fact]
    public void Naming_the_destination_explicitly_is_the_same_as_leaving_it_out()
    {
        var decision = EdSeenRules.Decide(null, "dr.chen", "H-03", "H-03", Now);

        Assert.Equal(EdSeenStatus.Ok, decision.Status);
        Assert.Equal("H-03", decision.Seen!.HospitalId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_missing_name_is_refused_naming_by(string? by)
    {
        var decision = EdSeenRules.Decide(null, by, null, "H-03", Now);

        Assert.Equal(EdSeenStatus.InvalidArgument, decision.Status);
        Assert.False(decision.Changed);
        Assert.StartsWith("by: ", decision.Error);
        Assert.Null(decision.Seen);
    }

    [Fact]
    public void Names_up_to_64_characters_after_trimming_are_accepted_longer_ones_refused()
    {
        var longest = new string('n', EdSeenRules.MaxByLength);

        Assert.Equal(longest, EdSeenRules.NormaliseBy($"  {longest}  ", out var none));
        Assert.Null(none);
        Assert.Null(EdSeenRules.NormaliseBy(longest + "n", out var error));
        Assert.Equal("by: at most 64 characters (was 65)", error);
    }

    [Fact]
    public void A_patient_without_a_destination_cannot_be_seen_by_an_ed()
    {
        var decision = EdSeenRules.Decide(null, "dr.chen", null, destinationHospitalId: null, Now);

        Assert.Equal(EdSeenStatus.NoDestination, decision.Status);
        Assert.StartsWith("hospitalId: ", decision.Error);
        Assert.Null(decision.Seen);
    }

    [Fact]
    public void Another_hospital_than_the_destination_is_refused_naming_both_and_keeps_what_was_there()
    {
        var earlier = new EdSeen("dr.chen", Now.AddMinutes(-5), "H-03");

        var decision = EdSeenRules.Decide(earlier, "dr.li", "H-04", "H-03", Now);

        Assert.Equal(EdSeenStatus.NotTheDestination, decision.Status);
        Assert.Equal("hospitalId: H-04 is not the patient's destination (H-03)", decision.Error);
        Assert.Same(earlier, decision.Seen);
    }

    [Fact]
    public void The_first_confirmation_for_a_destination_stands()
    {
        var first = new EdSeen("dr.chen", Now.AddMinutes(-5), "H-03");

        var again = EdSeenRules.Decide(first, "dr.li", null, "H-03", Now);

        Assert.Equal(EdSeenStatus.AlreadySeen, again.Status);
        Assert.False(again.Changed);
        Assert.Same(first, again.Seen);
    }

    [Fact]
    public void A_confirmation_for_an_earlier_destination_is_replaced_by_the_new_destination_s()
    {
        var old = new EdSeen("dr.chen", Now.AddMinutes(-5), "H-03");

        var decision = EdSeenRules.Decide(old, "dr.li", null, "H-07", Now);

        Assert.Equal(EdSeenStatus.Ok, decision.Status);
        Assert.Equal(new EdSeen("dr.li", Now, "H-07"), decision.Seen);
    }

    [Fact]
    public void A_new_destination_clears_the_confirmation_the_same_one_keeps_it()
    {
        var seen = new EdSeen("dr.chen", Now, "H-03");

        Assert.Same(seen, EdSeenRules.AfterDestinationChange(seen, "H-03"));
        Assert.Null(EdSeenRules.AfterDestinationChange(seen, "H-04"));
        Assert.Null(EdSeenRules.AfterDestinationChange(seen, "h-03")); // ids are compared exactly
        Assert.Null(EdSeenRules.AfterDestinationChange(null, "H-03"));
    }
}
