using System.Text.Json.Serialization;
using Emergency.Domain.Devices;

namespace Emergency.Ingest.Security;

/// <summary>
/// One registered device. <see cref="Id"/> is its MQTT client id and user name and the <c>{id}</c> of its topics
/// <c>ems/{Region}/{Kind}/{Id}/…</c>. Only the hash of its secret is kept.
/// </summary>
public sealed record DeviceRecord
{
    public required string Id { get; init; }
    public required DeviceKind Kind { get; init; }
    public required string Region { get; init; }
    public required string SecretHash { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    /// <summary>When the secret was last replaced (<c>devices rotate</c>); null if never.</summary>
    public DateTimeOffset? RotatedAt { get; init; }
    /// <summary>When the device was revoked; a revoked device is refused and, if connected, disconnected.</summary>
    public DateTimeOffset? RevokedAt { get; init; }
    /// <summary>SHA-256 thumbprint (hex) of a client certificate that authenticates the device instead of its password (TLS only).</summary>
    public string? CertificateThumbprint { get; init; }

    [JsonIgnore]
    public bool IsRevoked => RevokedAt is not null;
}
