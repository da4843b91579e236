namespace Emergency.Handover.Delivery;

/// <summary>Section <c>Handover</c>: where each hospital receives handover records and how delivery retries.</summary>
public sealed class HandoverOptions
{
    public const string Section = "Handover";

    /// <summary>
    /// FHIR base URL per hospital id, e.g. <c>Handover:Endpoints:H-03=http://ed.example/fhir</c>; the record is PUT to
    /// <c>{base}/Bundle/{id}</c>. A hospital without one receives nothing (status <c>not-configured</c>).
    /// </summary>
    public Dictionary<string, string> Endpoints { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Changes within this time of the first one go out as one new version (destination, arrival, identity and transfer of care go at once).</summary>
    public TimeSpan Debounce { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts per version before it is marked failed.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>First retry delay; doubled per attempt, with ±20 % jitter, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long one attempt may take.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Patients waiting for a new version at once; past this a request is refused, counted and logged.</summary>
    public int QueueCapacity { get; set; } = 1000;

    /// <summary>Deliveries in flight at once (each patient has at most one).</summary>
    public int MaxConcurrentDeliveries { get; set; } = 4;

    public string? EndpointOf(string hospitalId) =>
        Endpoints.TryGetValue(hospitalId, out var url) && !string.IsNullOrWhiteSpace(url) ? url.TrimEnd('/') : null;
}
