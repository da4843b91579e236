namespace Emergency.Dashboard.Security;

/// <summary>Section <c>Security</c> (people side): sign-in, tokens, OpenID Connect, throttles, request limits.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>Seeded demo users and an ephemeral signing key; never in production. <c>--demo</c> turns it on.</summary>
    public bool Development { get; set; }

    public TokenOptions Tokens { get; set; } = new();
    public OidcOptions Oidc { get; set; } = new();
    public SignInOptions SignIn { get; set; } = new();
    public RateLimitOptions RateLimit { get; set; } = new();
    public HttpLimitOptions Http { get; set; } = new();
    public AuditOptions Audit { get; set; } = new();
}

/// <summary>Our own bearer tokens, issued from local accounts by <c>POST /api/auth/token</c>.</summary>
public sealed class TokenOptions
{
    /// <summary>HMAC-SHA256 key, at least 32 bytes (base64, or plain text); from configuration or environment only.</summary>
    public string? SigningKey { get; set; }
    public string Issuer { get; set; } = "emergency";
    public string Audience { get; set; } = "emergency";
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(8);
}

/// <summary>An external OpenID Connect authority (Entra ID, Keycloak, ADFS) whose access tokens are trusted too.</summary>
public sealed class OidcOptions
{
    public string? Authority { get; set; }
    public string? Audience { get; set; }
    /// <summary>Claim carrying the person's name (default <c>preferred_username</c>).</summary>
    public string NameClaim { get; set; } = "preferred_username";
    /// <summary>Claim carrying the role values (default <c>roles</c>, as Entra ID app roles do).</summary>
    public string RoleClaim { get; set; } = "roles";
    /// <summary>Claim carrying hospital, region or unit ids (default <c>emergency_scope</c>).</summary>
    public string ScopeClaim { get; set; } = "emergency_scope";
    /// <summary>The provider's role value → ours (<c>ed</c>, <c>dispatcher</c>, <c>crew</c>, <c>admin</c>); values that match ours need no entry.</summary>
    public Dictionary<string, string> RoleMap { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    public bool RequireHttpsMetadata { get; set; } = true;
}

public sealed class SignInOptions
{
    /// <summary>Wrong passwords per user name within <see cref="FailureWindow"/> before sign-in for that name is refused with 429.</summary>
    public int MaxFailures { get; set; } = 5;
    /// <summary>Wrong passwords per client address (any names) within the window before sign-in from it is refused; higher, as a ward may share one address.</summary>
    public int MaxFailuresPerAddress { get; set; } = 50;
    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(15);
}

public sealed class RateLimitOptions
{
    /// <summary>Requests per person (or per client address before sign-in) per <see cref="Window"/>; past it 429 with Retry-After.</summary>
    public int PermitsPerWindow { get; set; } = 1200;
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

public sealed class HttpLimitOptions
{
    /// <summary>Largest request body of the JSON API.</summary>
    public long MaxJsonBodyBytes { get; set; } = 64 * 1024;
    /// <summary>Largest request body of document imports (EDXL-HAVE).</summary>
    public long MaxImportBodyBytes { get; set; } = 1024 * 1024;
}

public sealed class AuditOptions
{
    /// <summary>The append-only audit database; default <c>{data}/security/audit.db</c>.</summary>
    public string? Path { get; set; }
}
