namespace Emergency.Ingest.Security;

/// <summary>
/// Decides whether a connecting client is the device it claims to be. Pure: the registry lookup is done by the caller.
/// A device logs in with client id = user name = its registered id and its secret, or (on TLS) with the client
/// certificate registered for it. In development mode a client id the registry does not know is let in as
/// unregistered; a registered device is checked the same in every mode.
/// </summary>
public static class DeviceAuthenticator
{
    public static ConnectVerdict Authenticate(DeviceRecord? device, ConnectAttempt attempt, bool developmentMode)
    {
        if (device is null)
        {
            return developmentMode ? new ConnectVerdict(null, null, Unregistered: true) : Refuse(DeviceRefusal.UnknownDevice);
        }
        if (device.IsRevoked)
        {
            return Refuse(DeviceRefusal.Revoked);
        }
        if (!string.IsNullOrEmpty(attempt.UserName) && !string.Equals(attempt.UserName, device.Id, StringComparison.Ordinal))
        {
            return Refuse(DeviceRefusal.UserNameMismatch);
        }
        var hasPassword = attempt.Password is { Length: > 0 };
        var certificateMatches = device.CertificateThumbprint is { } registered && attempt.CertificateThumbprint is { } presented
            && string.Equals(registered, presented, StringComparison.OrdinalIgnoreCase);
        if (!hasPassword)
        {
            return certificateMatches ? new ConnectVerdict(device, null, false) : Refuse(DeviceRefusal.NoCredentials);
        }
        // A password that is sent must be right, certificate or not.
        return DeviceSecret.Verify(attempt.Password, device.SecretHash)
            ? new ConnectVerdict(device, null, false)
            : Refuse(DeviceRefusal.BadPassword);
    }

    private static ConnectVerdict Refuse(DeviceRefusal refusal) => new(null, refusal, false);
}
