namespace Emergency.Ingest.Security;

/// <summary>
/// What a connecting client presents: client id, user name, password bytes and, on TLS, the SHA-256 thumbprint of a
/// client certificate that already passed the CA check.
/// </summary>
public sealed record ConnectAttempt(string ClientId, string? UserName, byte[]? Password, string? CertificateThumbprint);

/// <summary>The verdict on a connect: the registered device, or development mode's unregistered client, or a refusal.</summary>
public readonly record struct ConnectVerdict(DeviceRecord? Device, DeviceRefusal? Refusal, bool Unregistered)
{
    public bool Accepted => Refusal is null;
}
