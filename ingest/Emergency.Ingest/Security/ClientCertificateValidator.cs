using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Emergency.Ingest.Security;

/// <summary>
/// Checks a device's client certificate during the TLS handshake: it must chain to one of the configured CAs (not to
/// the machine's trust store: any public CA's customer would otherwise pass) and be valid now. Whether the certificate
/// belongs to the device that logs in is decided later, by its thumbprint in the registry.
/// </summary>
public sealed class ClientCertificateValidator(X509Certificate2Collection trustedRoots, ClientCertificateMode mode)
{
    /// <summary>Called with the subject and the reason for each certificate turned away.</summary>
    public event Action<string, string>? Refused;

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            if (mode == ClientCertificateMode.Required)
            {
                Refused?.Invoke("(none)", "no client certificate");
                return false;
            }
            return true;
        }
        using var presented = certificate as X509Certificate2 is { } c2 ? new X509Certificate2(c2) : X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var own = new X509Chain();
        own.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        own.ChainPolicy.CustomTrustStore.AddRange(trustedRoots);
        own.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            own.ChainPolicy.ExtraStore.AddRange(chain.ChainPolicy.ExtraStore);
        }
        if (own.Build(presented))
        {
            return true;
        }
        var status = string.Join(", ", own.ChainStatus.Select(s => s.Status.ToString()).Distinct());
        Refused?.Invoke(presented.Subject, $"certificate {CertificateThumbprints.Of(presented)} not trusted: {status}");
        return false;
    }
}
