using Emergency.Domain.Hospitals;

namespace Emergency.Domain.Tests.Dispatch;

public class CapacityValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 6, 0, 0, TimeSpan.Zero);
    private static readonly HospitalCapacity Good = new(4, 1, 40, 6, 2, true);

    [Fact]
    public void GoodReport_HasNoErrors() =>
        Assert.Empty(CapacityValidator.Validate(Good, EdStatus.Open, Now));

    [Fact]
    public void AllZero_IsFine() =>
        Assert.Empty(CapacityValidator.Validate(new HospitalCapacity(0, 0, 0, 0, 0, false), EdStatus.Open, Now));

    [Fact]
    public void FreeEqualToTotal_IsFine() =>
        Assert.Empty(CapacityValidator.Validate(new HospitalCapacity(4, 4, 40, 40, 0, true), EdStatus.Open, Now));

    public static TheoryData<HospitalCapacity, string> OneBadField => new()
    {
        { Good with { ResusBaysTotal = -1, ResusBaysFree = 0 }, "capacity.resusBaysTotal: must not be negative (-1)" },
        { Good with { ResusBaysFree = -1 }, "capacity.resusBaysFree: must not be negative (-1)" },
        { Good with { EdBedsTotal = -2, EdBedsFree = 0 }, "capacity.edBedsTotal: must not be negative (-2)" },
        { Good with { EdBedsFree = -1 }, "capacity.edBedsFree: must not be negative (-1)" },
        { Good with { IcuBedsFree = -3 }, "capacity.icuBedsFree: must not be negative (-3)" },
        { Good with { ResusBaysFree = 5 }, "capacity.resusBaysFree (5) exceeds capacity.resusBaysTotal (4)" },
        { Good with { EdBedsFree = 41 }, "capacity.edBedsFree (41) exceeds capacity.edBedsTotal (40)" },
    };

    [Theory]
    [MemberData(nameof(OneBadField))]
    public void EachField_ItsOwnError(HospitalCapacity capacity, string expected)
    {
        Assert.Equal([expected], CapacityValidator.Validate(capacity, EdStatus.Open, Now));
        Assert.Equal([expected], CapacityValidator.ValidateCapacity(capacity));
    }

    [Fact]
    public void NegativeTotal_DoesNotAlsoReportFreeAboveTotal()
    {
        // free 1 > total -1, but the negative total is the one problem to fix
        var errors = CapacityValidator.Validate(Good with { ResusBaysTotal = -1 }, EdStatus.Open, Now);
        Assert.Equal(["capacity.resusBaysTotal: must not be negative (-1)"], errors);
    }

    [Fact]
    public void SeveralProblems_AllReported()
    {
        var errors = CapacityValidator.Validate(
            new HospitalCapacity(4, 5, 40, -1, -1, true),
            new EdStatus(EdState.Diversion, null, Now.AddMinutes(-5)),
            Now);
        Assert.Equal(
        [
            "capacity.edBedsFree: must not be negative (-1)",
            "capacity.icuBedsFree: must not be negative (-1)",
            "capacity.resusBaysFree (5) exceeds capacity.resusBaysTotal (4)",
            "status.reason: required when status.state is diversion",
            "status.until (2026-11-23T05:55:00.0000000+00:00) is not in the future",
        ], errors);
    }

    [Fact]
    public void MissingObjects_AreNamed() =>
        Assert.Equal(["capacity: required", "status: required"], CapacityValidator.Validate(null, null, Now));

    [Fact]
    public void Diversion_WithReason_IsFine() =>
        Assert.Empty(CapacityValidator.Validate(Good, EdStatus.Diversion("CT scanner down"), Now));

    [Fact]
    public void Diversion_WithReasonAndFutureUntil_IsFine() =>
        Assert.Empty(CapacityValidator.Validate(Good, EdStatus.Diversion("CT scanner down", Now.AddHours(2)), Now));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Diversion_WithoutReason_IsRefused(string? reason) =>
        Assert.Equal(["status.reason: required when status.state is diversion"],
            CapacityValidator.Validate(Good, new EdStatus(EdState.Diversion, reason), Now));

    [Fact]
    public void Until_Now_IsNotInTheFuture() =>
        Assert.Equal(["status.until (2026-11-23T06:00:00.0000000+00:00) is not in the future"],
            CapacityValidator.Validate(Good, EdStatus.Diversion("full", Now), Now));

    [Fact]
    public void Until_OneTickAhead_IsFine() =>
        Assert.Empty(CapacityValidator.Validate(Good, EdStatus.Diversion("full", Now.AddTicks(1)), Now));

    [Fact]
    public void Until_OnOpen_IsRefused() =>
        Assert.Equal(["status.until: only allowed when status.state is diversion"],
            CapacityValidator.Validate(Good, new EdStatus(EdState.Open, null, Now.AddHours(1)), Now));

    [Fact]
    public void Reason_OnOpen_IsAllowedAsANote() =>
        Assert.Empty(CapacityValidator.Validate(Good, new EdStatus(EdState.Open, "CT back in service"), Now));

    [Fact]
    public void Reason_TooLong_IsRefused()
    {
        var errors = CapacityValidator.Validate(Good, EdStatus.Diversion(new string('x', 201)), Now);
        Assert.Equal(["status.reason: at most 200 characters (201)"], errors);
        Assert.Empty(CapacityValidator.Validate(Good, EdStatus.Diversion(new string('x', 200)), Now));
    }

    [Fact]
    public void UndefinedState_IsRefused() =>
        Assert.Equal(["status.state: must be open|diversion"],
            CapacityValidator.Validate(Good, new EdStatus((EdState)7), Now));

    [Fact]
    public void ValidateStatus_WithoutNow_SkipsTheClockCheck()
    {
        var past = EdStatus.Diversion("full", Now.AddHours(-1));
        Assert.Empty(CapacityValidator.ValidateStatus(past, now: null));
        Assert.Single(CapacityValidator.ValidateStatus(past, Now));
    }
}
