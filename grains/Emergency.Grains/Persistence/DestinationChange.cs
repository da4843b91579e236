using Emergency.Grains.Hospitals;

namespace Emergency.Grains.Persistence;

/// <summary>Tells a decision from its ETA refresh: every position fix re-estimates the ETA, which is no decision.</summary>
public static class DestinationChange
{
    /// <summary>
    /// True if only the estimated arrival moved, and with it the end of a hold still in force: snapshot it, no
    /// write-through needed. A hold that starts or ends, another hospital, an arrival or a new decision is not.
    /// </summary>
    public static bool OnlyEtaMoved(Destination? before, Destination after)
    {
        if (before is null || (before.ResusHoldUntil is null) != (after.ResusHoldUntil is null))
        {
            return false;
        }
        return before with { EtaMinutes = after.EtaMinutes, EtaAt = after.EtaAt, ResusHoldUntil = after.ResusHoldUntil } == after;
    }
}
