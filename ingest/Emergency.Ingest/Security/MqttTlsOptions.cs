namespace Emergency.Ingest.Security;

/// <summary>Section <c>Mqtt:Tls</c>: the encrypted MQTT endpoint, on when <see cref="CertificateFile"/> is set.</summary>
public sealed class MqttTlsOptions
{
    public int Port { get; set; } = 8883;

    /// <summary>Server certificate with its private key: a PFX/PKCS#12 file, or a PEM file (key inside or in <see cref="KeyFile"/>).</summary>
    public string? CertificateFile { get; set; }

    /// <summary>Password of the PFX or of an encrypted PEM key. Give it by environment (<c>Mqtt__Tls__CertificatePassword</c>), not in a file under version control.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>PEM private key, when it is not inside <see cref="CertificateFile"/>.</summary>
    public string? KeyFile { get; set; }

    /// <summary>Whether devices present client certificates: None, Optional (checked when sent) or Required.</summary>
    public ClientCertificateMode ClientCertificates { get; set; } = ClientCertificateMode.None;

    /// <summary>PEM file of the CA(s) that sign device certificates; required unless <see cref="ClientCertificates"/> is None.</summary>
    public string? ClientCaFile { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(CertificateFile);
}

public enum ClientCertificateMode
{
    None,
    Optional,
    Required,
}

/// <summary>Section <c>Mqtt:Plain</c>: the unencrypted endpoint on <c>Mqtt:Port</c>.</summary>
public sealed class MqttPlainOptions
{
    /// <summary>Set false to leave only the TLS endpoint open.</summary>
    public bool Enabled { get; set; } = true;
}
