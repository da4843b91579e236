using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Emergency.Ingest.Security;

/// <summary>Client certificates are identified by their SHA-256 thumbprint, 64 upper-case hex digits.</summary>
public static class CertificateThumbprints
{
    public static string Of(X509Certificate2 certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA256);

    public static bool IsValid(string thumbprint) => thumbprint.Length == 64 && thumbprint.All(Uri.IsHexDigit);

    /// <summary>Upper case without separators (<c>openssl x509 -fingerprint -sha256</c> prints colons).</summary>
    public static string Normalize(string thumbprint) => thumbprint.Replace(":", "", StringComparison.Ordinal).Trim().ToUpperInvariant();
}
