namespace Emergency.Grains;

/// <summary>
/// The key of the <see cref="TimeProvider"/> that clinical logic reads (freshness, later alert timers). Kept apart
/// from Orleans' own clock so tests can move clinical time without moving the runtime's.
/// </summary>
public static class ClinicalTime
{
    public const string Key = "clinical";
}
