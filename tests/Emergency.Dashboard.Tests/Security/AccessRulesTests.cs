using Emergency.Dashboard.Security;

namespace Emergency.Dashboard.Tests.Security;

public sealed class AccessRulesTests
{
    private static UserAccess User(Role role, params string[] scope) => new("u", role, scope.ToHashSet());

    // A patient in region sh, carried by AMB-1, going to H-08.
    private static readonly PatientScope Patient = new("sh", ["AMB-1"], "H-08");

    [Theory]
    [InlineData(Role.Admin, new string[0], true)]
    [InlineData(Role.Ed, new[] { "H-08" }, true)]
    [InlineData(Role.Ed, new[] { "H-01", "H-08" }, true)]
    [InlineData(Role.Ed, new[] { "H-01" }, false)]
    [InlineData(Role.Dispatcher, new[] { "sh" }, true)]
    [InlineData(Role.Dispatcher, new[] { "bj" }, false)]
    [InlineData(Role.Crew, new[] { "AMB-1" }, true)]
    [InlineData(Role.Crew, new[] { "AMB-2" }, false)]
    public void Patient_is_visible_to_its_hospital_region_unit_and_admins(Role role, string[] scope, bool expected) =>
        Assert.Equal(expected, AccessRules.MaySeePatient(User(role, scope), Patient));

    [Fact]
    public void Patient_without_a_destination_is_not_visible_to_any_ed()
    {
        var noDestination = Patient with { HospitalId = null };
        Assert.False(AccessRules.MaySeePatient(User(Role.Ed, "H-08"), noDestination));
        Assert.True(AccessRules.MaySeePatient(User(Role.Dispatcher, "sh"), noDestination));
    }

    [Fact]
    public void Scope_ids_are_compared_exactly()
    {
        Assert.False(AccessRules.MaySeePatient(User(Role.Ed, "h-08"), Patient));
        Assert.False(AccessRules.MaySeePatient(User(Role.Dispatcher, "SH"), Patient));
    }

    [Fact]
    public void A_role_scope_id_of_another_kind_grants_nothing()
    {
        // An ED user whose scope happens to name the region, a crew whose scope names the hospital.
        Assert.False(AccessRules.MaySeePatient(User(Role.Ed, "sh"), Patient));
        Assert.False(AccessRules.MaySeePatient(User(Role.Crew, "H-08"), Patient));
        Assert.False(AccessRules.MaySeeRegion(User(Role.Ed, "sh"), "sh"));
    }

    [Fact]
    public void Only_the_receiving_ed_and_admins_act_as_receiving_ed()
    {
        Assert.True(AccessRules.MayActAsReceivingEd(User(Role.Ed, "H-08"), Patient));
        Assert.True(AccessRules.MayActAsReceivingEd(User(Role.Admin), Patient));
        Assert.False(AccessRules.MayActAsReceivingEd(User(Role.Ed, "H-01"), Patient));
        Assert.False(AccessRules.MayActAsReceivingEd(User(Role.Dispatcher, "sh"), Patient));
        Assert.False(AccessRules.MayActAsReceivingEd(User(Role.Crew, "AMB-1"), Patient));
    }

    [Fact]
    public void Only_the_treating_crew_and_admins_record_context()
    {
        Assert.True(AccessRules.MayRecordContext(User(Role.Crew, "AMB-1"), Patient));
        Assert.False(AccessRules.MayRecordContext(User(Role.Crew, "AMB-2"), Patient));
        Assert.False(AccessRules.MayRecordContext(User(Role.Ed, "H-08"), Patient));
        Assert.False(AccessRules.MayRecordContext(User(Role.Dispatcher, "sh"), Patient));
    }

    [Fact]
    public void Region_lists_are_for_its_dispatchers()
    {
        Assert.True(AccessRules.MaySeeRegion(User(Role.Dispatcher, "sh"), "sh"));
        Assert.False(AccessRules.MaySeeRegion(User(Role.Dispatcher, "bj"), "sh"));
        Assert.False(AccessRules.MaySeeRegion(User(Role.Crew, "AMB-1"), "sh"));
        Assert.True(AccessRules.MaySeeRegion(User(Role.Admin), "anything"));
    }

    [Fact]
    public void Hospital_patients_are_for_its_ed_and_its_regions_dispatchers()
    {
        Assert.True(AccessRules.MaySeeHospitalPatients(User(Role.Ed, "H-08"), "H-08", "sh"));
        Assert.False(AccessRules.MaySeeHospitalPatients(User(Role.Ed, "H-01"), "H-08", "sh"));
        Assert.True(AccessRules.MaySeeHospitalPatients(User(Role.Dispatcher, "sh"), "H-08", "sh"));
        Assert.False(AccessRules.MaySeeHospitalPatients(User(Role.Dispatcher, "bj"), "H-08", "sh"));
        Assert.False(AccessRules.MaySeeHospitalPatients(User(Role.Crew, "AMB-1"), "H-08", "sh"));
    }

    [Fact]
    public void Capacity_is_updated_by_the_hospitals_own_ed()
    {
        Assert.True(AccessRules.MayUpdateCapacity(User(Role.Ed, "H-08"), "H-08"));
        Assert.False(AccessRules.MayUpdateCapacity(User(Role.Ed, "H-01"), "H-08"));
        Assert.False(AccessRules.MayUpdateCapacity(User(Role.Dispatcher, "sh"), "H-08"));
    }

    [Fact]
    public void Units_are_seen_by_their_crew_and_regions_dispatchers_and_destinations_decided_by_dispatchers()
    {
        Assert.True(AccessRules.MaySeeUnit(User(Role.Crew, "AMB-1"), "AMB-1", "sh"));
        Assert.False(AccessRules.MaySeeUnit(User(Role.Crew, "AMB-2"), "AMB-1", "sh"));
        Assert.True(AccessRules.MaySeeUnit(User(Role.Dispatcher, "sh"), "AMB-1", "sh"));
        Assert.False(AccessRules.MaySeeUnit(User(Role.Ed, "H-08"), "AMB-1", "sh"));
        Assert.True(AccessRules.MayDecideDestination(User(Role.Dispatcher, "sh"), "sh"));
        Assert.False(AccessRules.MayDecideDestination(User(Role.Dispatcher, "bj"), "sh"));
        Assert.False(AccessRules.MayDecideDestination(User(Role.Crew, "AMB-1"), "sh"));
    }

    [Fact]
    public void Only_admins_manage()
    {
        Assert.True(AccessRules.MayManage(User(Role.Admin)));
        foreach (var role in new[] { Role.Ed, Role.Dispatcher, Role.Crew }) Assert.False(AccessRules.MayManage(User(role, "x")));
    }
}
