using System.Globalization;

namespace Emergency.Domain.Hospitals;

/// <summary>
/// Checks a capacity report (the body of <c>PUT /api/hospitals/{id}/capacity</c>). Every error names the wire field
/// it is about, so the API can answer 400 with the list as is.
/// </summary>
/// <remarks>
/// Rules:
/// <list type="bullet">
/// <item>No count may be negative: <c>capacity.edBedsFree: must not be negative (-1)</c>.</item>
/// <item>Free may not exceed total: <c>capacity.resusBaysFree (5) exceeds capacity.resusBaysTotal (4)</c>.
/// <c>icuBedsFree</c> has no total, so only the sign is checked.</item>
/// <item>A diversion needs a reason (at most <see cref="MaxReasonLength"/> characters). Decision: diversion
/// pushes a hospital down every recommendation, so the dispatcher and the crew must see why (CT down, full,
/// power cut: some matter for one patient and not another).</item>
/// <item><c>until</c> is only allowed on a diversion (an open department has nothing to end), and must be after
/// <c>now</c>: a diversion that ends in the past is a typo or a stale form. No <c>until</c> means "until lifted".</item>
/// <item>A reason on an open department is allowed as a note.</item>
/// </list>
/// </remarks>
public static class CapacityValidator
{
    /// <summary>Longest accepted <c>status.reason</c>, in characters.</summary>
    public const int MaxReasonLength = 200;

    /// <summary>All problems with a capacity report at <paramref name="now"/>; empty when it is acceptable.</summary>
    /// <param name="capacity">The <c>capacity</c> object; null when the request had none.</param>
    /// <param name="status">The <c>status</c> object; null when the request had none.</param>
    /// <param name="now">The current time (for <c>status.until</c>).</param>
    public static IReadOnlyList<string> Validate(HospitalCapacity? capacity, EdStatus? status, DateTimeOffset now)
    {
        var errors = new List<string>();
        if (capacity is null)
        {
            errors.Add("capacity: required");
        }
        else
        {
            AddCapacityErrors(capacity, errors);
        }

        if (status is null)
        {
            errors.Add("status: required");
        }
        else
        {
            AddStatusErrors(status, errors);
            AddUntilErrors(status, now, errors);
        }

        return errors;
    }

    /// <summary>Problems with the counts alone (negative, free above total).</summary>
    public static IReadOnlyList<string> ValidateCapacity(HospitalCapacity capacity)
    {
        ArgumentNullException.ThrowIfNull(capacity);
        var errors = new List<string>();
        AddCapacityErrors(capacity, errors);
        return errors;
    }

    /// <summary>
    /// Problems with a status. With <paramref name="now"/> null, <c>until</c> is not compared with the clock
    /// (a region file has no "now"; it should carry no <c>until</c> at all).
    /// </summary>
    public static IReadOnlyList<string> ValidateStatus(EdStatus status, DateTimeOffset? now)
    {
        ArgumentNullException.ThrowIfNull(status);
        var errors = new List<string>();
        AddStatusErrors(status, errors);
        if (now is { } at)
        {
            AddUntilErrors(status, at, errors);
        }

        return errors;
    }

    private static void AddCapacityErrors(HospitalCapacity c, List<string> errors)
    {
        NotNegative("resusBaysTotal", c.ResusBaysTotal, errors);
        NotNegative("resusBaysFree", c.ResusBaysFree, errors);
        NotNegative("edBedsTotal", c.EdBedsTotal, errors);
        NotNegative("edBedsFree", c.EdBedsFree, errors);
        NotNegative("icuBedsFree", c.IcuBedsFree, errors);
        FreeWithinTotal("resusBaysFree", c.ResusBaysFree, "resusBaysTotal", c.ResusBaysTotal, errors);
        FreeWithinTotal("edBedsFree", c.EdBedsFree, "edBedsTotal", c.EdBedsTotal, errors);
    }

    private static void AddStatusErrors(EdStatus s, List<string> errors)
    {
        if (!Enum.IsDefined(s.State))
        {
            errors.Add($"status.state: must be {EdStateCodes.Codes}");
            return;
        }

        if (s.State == EdState.Diversion && string.IsNullOrWhiteSpace(s.Reason))
        {
            errors.Add("status.reason: required when status.state is diversion");
        }

        if (s.Reason is { Length: > MaxReasonLength } reason)
        {
            errors.Add(Invariant($"status.reason: at most {MaxReasonLength} characters ({reason.Length})"));
        }

        if (s.State == EdState.Open && s.Until is not null)
        {
            errors.Add("status.until: only allowed when status.state is diversion");
        }
    }

    private static void AddUntilErrors(EdStatus s, DateTimeOffset now, List<string> errors)
    {
        if (s.State == EdState.Diversion && s.Until is { } until && until <= now)
        {
            errors.Add(Invariant($"status.until ({until:O}) is not in the future"));
        }
    }

    private static void NotNegative(string field, int value, List<string> errors)
    {
        if (value < 0)
        {
            errors.Add(Invariant($"capacity.{field}: must not be negative ({value})"));
        }
    }

    private static void FreeWithinTotal(string freeField, int free, string totalField, int total, List<string> errors)
    {
        if (free >= 0 && total >= 0 && free > total)
        {
            errors.Add(Invariant($"capacity.{freeField} ({free}) exceeds capacity.{totalField} ({total})"));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
