using Emergency.Domain.Ambulances;
using Emergency.Domain.Dispatch;

namespace Emergency.Domain.Tests.Dispatch;

public class AmbulanceStatusRulesTests
{
    private const AmbulanceStatus Avail = AmbulanceStatus.Available;
    private const AmbulanceStatus Disp = AmbulanceStatus.Dispatched;
    private const AmbulanceStatus Scene = AmbulanceStatus.OnScene;
    private const AmbulanceStatus Transp = AmbulanceStatus.Transporting;
    private const AmbulanceStatus AtHosp = AmbulanceStatus.AtHospital;
    private const AmbulanceStatus Oos = AmbulanceStatus.OutOfService;

    // Every one of the 36 pairs, with a patient on board so that only the transition rule decides.
    [Theory]
    [InlineData(Avail, Avail, true)]
    [InlineData(Avail, Disp, true)]
    [InlineData(Avail, Scene, true)]
    [InlineData(Avail, Transp, false)]
    [InlineData(Avail, AtHosp, false)]
    [InlineData(Avail, Oos, true)]
    [InlineData(Disp, Avail, true)]
    [InlineData(Disp, Disp, true)]
    [InlineData(Disp, Scene, true)]
    [InlineData(Disp, Transp, false)]
    [InlineData(Disp, AtHosp, false)]
    [InlineData(Disp, Oos, true)]
    [InlineData(Scene, Avail, true)]
    [InlineData(Scene, Disp, false)]
    [InlineData(Scene, Scene, true)]
    [InlineData(Scene, Transp, true)]
    [InlineData(Scene, AtHosp, false)]
    [InlineData(Scene, Oos, true)]
    [InlineData(Transp, Avail, false)]
    [InlineData(Transp, Disp, false)]
    [InlineData(Transp, Scene, false)]
    [InlineData(Transp, Transp, true)]
    [InlineData(Transp, AtHosp, true)]
    [InlineData(Transp, Oos, true)]
    [InlineData(AtHosp, Avail, true)]
    [InlineData(AtHosp, Disp, false)]
    [InlineData(AtHosp, Scene, false)]
    [InlineData(AtHosp, Transp, true)]
    [InlineData(AtHosp, AtHosp, true)]
    [InlineData(AtHosp, Oos, true)]
    [InlineData(Oos, Avail, true)]
    [InlineData(Oos, Disp, true)]
    [InlineData(Oos, Scene, true)]
    [InlineData(Oos, Transp, true)]
    [InlineData(Oos, AtHosp, true)]
    [InlineData(Oos, Oos, true)]
    public void Transition(AmbulanceStatus from, AmbulanceStatus to, bool allowed)
    {
        Assert.Equal(allowed, AmbulanceStatusRules.IsAllowed(from, to));
        var error = AmbulanceStatusRules.Validate(from, to, "P-7F3A2");
        if (allowed)
        {
            Assert.Null(error);
        }
        else
        {
            Assert.StartsWith($"cannot go from {from.ToCode()} to {to.ToCode()} (allowed: ", error);
        }
    }

    [Fact]
    public void MainCycle_IsAllowed()
    {
        AmbulanceStatus[] cycle = [Avail, Disp, Scene, Transp, AtHosp, Avail];
        for (int i = 1; i < cycle.Length; i++)
        {
            Assert.Null(AmbulanceStatusRules.Validate(cycle[i - 1], cycle[i], "P-1"));
        }
    }

    [Fact]
    public void Error_ListsWhatIsAllowed() =>
        Assert.Equal(
            "cannot go from available to transporting (allowed: available, dispatched, on-scene, out-of-service)",
            AmbulanceStatusRules.Validate(Avail, Transp, "P-1"));

    [Theory]
    [InlineData(Scene, null)]
    [InlineData(Scene, "")]
    [InlineData(Scene, "  ")]
    [InlineData(AtHosp, null)]
    [InlineData(Transp, null)]
    [InlineData(Oos, null)]
    public void Transporting_RequiresAPatient(AmbulanceStatus from, string? patientId) =>
        Assert.Equal("transporting requires a patientId", AmbulanceStatusRules.Validate(from, Transp, patientId));

    [Theory]
    [InlineData(Avail, Disp)]
    [InlineData(Disp, Scene)]
    [InlineData(Scene, Avail)]
    [InlineData(Transp, AtHosp)]
    [InlineData(AtHosp, Avail)]
    [InlineData(Transp, Oos)]
    public void OtherStatuses_DoNotNeedAPatient(AmbulanceStatus from, AmbulanceStatus to) =>
        Assert.Null(AmbulanceStatusRules.Validate(from, to, null));

    [Fact]
    public void DisallowedTransition_IsReportedBeforeTheMissingPatient() =>
        Assert.StartsWith("cannot go from dispatched to transporting", AmbulanceStatusRules.Validate(Disp, Transp, null));

    [Fact]
    public void AllowedNext_FromEachStatus()
    {
        Assert.Equal([Avail, Disp, Scene, Oos], AmbulanceStatusRules.AllowedNext(Avail));
        Assert.Equal([Avail, Disp, Scene, Oos], AmbulanceStatusRules.AllowedNext(Disp));
        Assert.Equal([Avail, Scene, Transp, Oos], AmbulanceStatusRules.AllowedNext(Scene));
        Assert.Equal([Transp, AtHosp, Oos], AmbulanceStatusRules.AllowedNext(Transp));
        Assert.Equal([Avail, Transp, AtHosp, Oos], AmbulanceStatusRules.AllowedNext(AtHosp));
        Assert.Equal([Avail, Disp, Scene, Transp, AtHosp, Oos], AmbulanceStatusRules.AllowedNext(Oos));
    }

    [Fact]
    public void UnknownStatusValues_AreRefused()
    {
        Assert.False(AmbulanceStatusRules.IsAllowed((AmbulanceStatus)9, Oos));
        Assert.False(AmbulanceStatusRules.IsAllowed(Oos, (AmbulanceStatus)9));
        Assert.Equal("unknown current status 9", AmbulanceStatusRules.Validate((AmbulanceStatus)9, Avail, null));
        Assert.Equal("unknown status 9", AmbulanceStatusRules.Validate(Avail, (AmbulanceStatus)9, null));
    }
}
