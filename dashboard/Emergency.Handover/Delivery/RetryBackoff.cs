namespace Emergency.Handover.Delivery;

/// <summary>Exponential back-off with jitter, so that many records failing together do not retry in step.</summary>
public static class RetryBackoff
{
    /// <summary>The wait after failed attempt <paramref name="attempt"/> (1-based): base × 2^(attempt−1), capped, ±20 %.</summary>
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, double random01)
    {
        var exponential = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        var capped = Math.Min(exponential, maxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.8 + 0.4 * random01));
    }

    /// <summary>Whether an answer is worth retrying: server errors, timeouts, throttling.</summary>
    public static bool IsRetryable(int statusCode) => statusCode >= 500 || statusCode is 408 or 429;
}
