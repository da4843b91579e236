namespace Emergency.Ingest.Security;

/// <summary>Why the broker refused a device, as counted (<c>emergency.ingest.security.refused{reason}</c>).</summary>
public enum DeviceRefusal
{
    /// <summary>No such device in the registry (and not in development mode).</summary>
    UnknownDevice,
    /// <summary>The device was revoked.</summary>
    Revoked,
    /// <summary>The password does not match.</summary>
    BadPassword,
    /// <summary>Neither a password nor a registered client certificate.</summary>
    NoCredentials,
    /// <summary>The user name is not the client id (a device logs in as itself).</summary>
    UserNameMismatch,
    /// <summary>A client certificate failed the TLS check against the configured CA.</summary>
    BadCertificate,
    /// <summary>A publish outside the device's own topics.</summary>
    PublishNotAllowed,
    /// <summary>A subscription to anything but the device's own rejects topic.</summary>
    SubscribeNotAllowed,
    /// <summary>More frames than the per-device rate limit.</summary>
    RateLimited,
}

public static class DeviceRefusalNames
{
    /// <summary>The label value in metrics and logs: snake case.</summary>
    public static string ToLabel(this DeviceRefusal refusal) => refusal switch
    {
        DeviceRefusal.UnknownDevice => "unknown_device",
        DeviceRefusal.Revoked => "revoked",
        DeviceRefusal.BadPassword => "bad_password",
        DeviceRefusal.NoCredentials => "no_credentials",
        DeviceRefusal.UserNameMismatch => "username_mismatch",
        DeviceRefusal.BadCertificate => "bad_certificate",
        DeviceRefusal.PublishNotAllowed => "publish_not_allowed",
        DeviceRefusal.SubscribeNotAllowed => "subscribe_not_allowed",
        DeviceRefusal.RateLimited => "rate_limited",
        _ => "other",
    };
}
