namespace Emergency.Ingest.Dispatch;

/// <summary>
/// Refuses a device time too far ahead of the service clock (a device clock set wrong would otherwise put readings
/// in the future, where they outrank every true one). Shared by the JSON frames and the ECG blocks.
/// </summary>
public static class DeviceClockCheck
{
    /// <summary>Null when <paramref name="at"/> is at most <paramref name="limit"/> ahead of <paramref name="now"/>; otherwise why it is refused.</summary>
    /// <param name="field">How the refusal names the time: <c>ts</c>, <c>ecg start</c>.</param>
    public static string? TooFarAhead(string field, DateTimeOffset at, DateTimeOffset now, TimeSpan limit)
    {
        var ahead = at - now;
        return ahead > limit
            ? $"{field} {at:O} is {ahead.TotalSeconds:0} s ahead of the service clock (limit {limit.TotalSeconds:0} s): check the device clock"
            : null;
    }
}
