using System.Diagnostics.Metrics;

namespace Emergency.Dashboard.Security;

/// <summary>Meter <c>Emergency.Security</c> (exported on <c>/metrics</c>): refusals and failures of the people side, counted.</summary>
public sealed class SecurityMetrics : IDisposable
{
    public const string MeterName = "Emergency.Security";
    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _signInFailures;
    private readonly Counter<long> _signInThrottled;
    private readonly Counter<long> _refused;
    private readonly Counter<long> _rateLimited;
    private readonly Counter<long> _auditFailures;
    private long _signInFailuresTotal, _signInThrottledTotal, _refusedTotal, _rateLimitedTotal, _auditFailuresTotal;

    public SecurityMetrics()
    {
        _signInFailures = _meter.CreateCounter<long>("emergency.security.sign_in_failures", description: "wrong user name or password");
        _signInThrottled = _meter.CreateCounter<long>("emergency.security.sign_in_throttled", description: "sign-ins refused with 429 after too many failures");
        _refused = _meter.CreateCounter<long>("emergency.security.access_refused", description: "requests and hub calls refused with 401 or 403");
        _rateLimited = _meter.CreateCounter<long>("emergency.security.rate_limited", description: "requests refused with 429 by the per-person rate limit");
        _auditFailures = _meter.CreateCounter<long>("emergency.security.audit_failures", description: "accesses refused with 503 because the audit log could not record them");
    }

    public long SignInFailures => Interlocked.Read(ref _signInFailuresTotal);
    public long SignInThrottled => Interlocked.Read(ref _signInThrottledTotal);
    public long Refused => Interlocked.Read(ref _refusedTotal);
    public long RateLimited => Interlocked.Read(ref _rateLimitedTotal);
    public long AuditFailures => Interlocked.Read(ref _auditFailuresTotal);

    public void SignInFailed() { _signInFailures.Add(1); Interlocked.Increment(ref _signInFailuresTotal); }
    public void SignInWasThrottled() { _signInThrottled.Add(1); Interlocked.Increment(ref _signInThrottledTotal); }
    public void AccessRefused(int status) { _refused.Add(1, new KeyValuePair<string, object?>("status", status)); Interlocked.Increment(ref _refusedTotal); }
    public void WasRateLimited() { _rateLimited.Add(1); Interlocked.Increment(ref _rateLimitedTotal); }
    public void AuditFailed() { _auditFailures.Add(1); Interlocked.Increment(ref _auditFailuresTotal); }

    public void Dispose() => _meter.Dispose();
}
