namespace Emergency.History;

/// <summary>Settings of <see cref="InfluxHistoryStore"/> (configuration section <c>History:Influx</c> by convention).</summary>
public sealed class InfluxOptions
{
    /// <summary>Base address of the InfluxDB 1.x HTTP API.</summary>
    public Uri Url { get; set; } = new("http://127.0.0.1:8086");

    /// <summary>Database to write to; created on first use (<c>CREATE DATABASE</c> is idempotent).</summary>
    public string Database { get; set; } = "emergency";

    /// <summary>User name, when the server has authentication on (sent as HTTP basic authentication).</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>Retention policy to write to and read from; null for the database's default. It must exist.</summary>
    public string? RetentionPolicy { get; set; }

    /// <summary>Most lines sent in one request; a larger WriteAsync is sent in several requests.</summary>
    public int BatchSize { get; set; } = 5_000;

    /// <summary>Time limit of one HTTP request. A request that runs out of it is retried.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often one request is sent again after a timeout, a connection error or a 5xx before WriteAsync throws.</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>Backoff before the first retry; it doubles for each further retry (with jitter) up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// JSON-lines file where lines the server rejects (400) are recorded. When null, such a line makes WriteAsync throw
    /// instead: it is never dropped silently, but the batch cannot get past it, so set this in production.
    /// </summary>
    public string? DeadLetterPath { get; set; }

    internal void Validate()
    {
        if (Url is null || !Url.IsAbsoluteUri || (Url.Scheme != Uri.UriSchemeHttp && Url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"InfluxOptions.Url must be an absolute http or https address, was '{Url}'.");
        }
        if (string.IsNullOrWhiteSpace(Database))
        {
            throw new ArgumentException("InfluxOptions.Database is required.");
        }
        if (BatchSize is < 1 or > 1_000_000)
        {
            throw new ArgumentException($"InfluxOptions.BatchSize must be between 1 and 1,000,000, was {BatchSize}.");
        }
        if (Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"InfluxOptions.Timeout must be positive, was {Timeout}.");
        }
        if (MaxRetries < 0)
        {
            throw new ArgumentException($"InfluxOptions.MaxRetries must not be negative, was {MaxRetries}.");
        }
        if (RetryDelay < TimeSpan.Zero || MaxRetryDelay < RetryDelay)
        {
            throw new ArgumentException("InfluxOptions.RetryDelay must not be negative nor above MaxRetryDelay.");
        }
    }
}
