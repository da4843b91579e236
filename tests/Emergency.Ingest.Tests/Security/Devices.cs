using Emergency.Domain.Devices;
using Emergency.Ingest.Security;

namespace Emergency.Ingest.Tests.Security;

/// <summary>Registry entries for tests.</summary>
internal static class Devices
{
    public static DeviceRecord Record(string id, DeviceKind kind, string region, string? secret = null, string? thumbprint = null) => new()
    {
        Id = id,
        Kind = kind,
        Region = region,
        SecretHash = DeviceSecret.Hash(secret ?? DeviceSecret.Generate()),
        CreatedAt = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero),
        CertificateThumbprint = thumbprint,
    };
}
