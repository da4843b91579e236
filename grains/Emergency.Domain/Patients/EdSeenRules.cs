namespace Emergency.Domain.Patients;

/// <summary>
/// When the receiving ED's "seen" confirmation is accepted, and how long it holds. It is given only for the
/// patient's current destination; the first confirmation for that destination stands; it is dropped as soon as the
/// patient is sent to another hospital (that ED has not seen the patient).
/// </summary>
public static class EdSeenRules
{
    /// <summary>Longest accepted name of the person confirming.</summary>
    public const int MaxByLength = 64;

    /// <summary>The trimmed name, or null with an error that starts with the field's wire name (<c>by</c>).</summary>
    public static string? NormaliseBy(string? by, out string? error)
    {
        var trimmed = by?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            error = "by: the name of the person who has seen the patient is required";
            return null;
        }
        if (trimmed.Length > MaxByLength)
        {
            error = $"by: at most {MaxByLength} characters (was {trimmed.Length})";
            return null;
        }
        error = null;
        return trimmed;
    }

    /// <summary>
    /// Decides a confirmation by <paramref name="by"/> for <paramref name="hospitalId"/> (null: the destination) of a
    /// patient whose destination is <paramref name="destinationHospitalId"/> and who holds <paramref name="current"/>.
    /// </summary>
    public static EdSeenDecision Decide(EdSeen? current, string? by, string? hospitalId, string? destinationHospitalId, DateTimeOffset now)
    {
        if (NormaliseBy(by, out var error) is not { } name)
        {
            return new EdSeenDecision(EdSeenStatus.InvalidArgument, error, current);
        }
        if (destinationHospitalId is null)
        {
            return new EdSeenDecision(EdSeenStatus.NoDestination,
                "hospitalId: the patient has no destination hospital yet, so no ED has it inbound", current);
        }
        if (hospitalId is not null && !string.Equals(hospitalId, destinationHospitalId, StringComparison.Ordinal))
        {
            return new EdSeenDecision(EdSeenStatus.NotTheDestination,
                $"hospitalId: {hospitalId} is not the patient's destination ({destinationHospitalId})", current);
        }
        if (current is not null && current.HospitalId == destinationHospitalId)
        {
            return new EdSeenDecision(EdSeenStatus.AlreadySeen, null, current);
        }
        return new EdSeenDecision(EdSeenStatus.Ok, null, new EdSeen(name, now, destinationHospitalId));
    }

    /// <summary>The confirmation that still holds once the patient's destination is <paramref name="newHospitalId"/>.</summary>
    public static EdSeen? AfterDestinationChange(EdSeen? seen, string newHospitalId) =>
        seen is not null && string.Equals(seen.HospitalId, newHospitalId, StringComparison.Ordinal) ? seen : null;
}
