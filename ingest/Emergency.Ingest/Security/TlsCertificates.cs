using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Emergency.Ingest.Security;

/// <summary>Loads the TLS endpoint's certificate (PFX or PEM) and the client CA file named in <c>Mqtt:Tls</c>.</summary>
public static class TlsCertificates
{
    /// <exception cref="InvalidOperationException">The file is missing, unreadable or has no private key (the message names the key to fix).</exception>
    public static X509Certificate2 LoadServerCertificate(MqttTlsOptions options)
    {
        var file = options.CertificateFile!;
        if (!File.Exists(file))
        {
            throw new InvalidOperationException($"Mqtt:Tls:CertificateFile '{file}' does not exist");
        }
        X509Certificate2 certificate;
        try
        {
            certificate = IsPem(file)
                ? LoadPem(file, options.KeyFile, options.CertificatePassword)
                : X509CertificateLoader.LoadPkcs12FromFile(file, options.CertificatePassword);
        }
        catch (CryptographicException ex)
        {
            throw new InvalidOperationException($"Mqtt:Tls:CertificateFile '{file}' cannot be loaded (wrong Mqtt:Tls:CertificatePassword?): {ex.Message}", ex);
        }
        if (!certificate.HasPrivateKey)
        {
            throw new InvalidOperationException($"Mqtt:Tls:CertificateFile '{file}' has no private key (give it in the file or in Mqtt:Tls:KeyFile)");
        }
        return certificate;
    }

    public static X509Certificate2Collection LoadClientCa(MqttTlsOptions options)
    {
        if (options.ClientCaFile is not { Length: > 0 } file || !File.Exists(file))
        {
            throw new InvalidOperationException(
                $"Mqtt:Tls:ClientCertificates is {options.ClientCertificates}: Mqtt:Tls:ClientCaFile must name the PEM file of the CA that signs device certificates");
        }
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(file);
        if (roots.Count == 0)
        {
            throw new InvalidOperationException($"Mqtt:Tls:ClientCaFile '{file}' holds no certificate");
        }
        return roots;
    }

    private static bool IsPem(string file) =>
        Path.GetExtension(file).ToLowerInvariant() is ".pem" or ".crt" or ".cer";

    private static X509Certificate2 LoadPem(string certificateFile, string? keyFile, string? password)
    {
        var pem = password is { Length: > 0 }
            ? X509Certificate2.CreateFromEncryptedPemFile(certificateFile, password, keyFile)
            : X509Certificate2.CreateFromPemFile(certificateFile, keyFile);
        // A PEM key is ephemeral; SslStream wants a key it can use from a stored certificate on every platform.
        using (pem)
        {
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
    }
}
