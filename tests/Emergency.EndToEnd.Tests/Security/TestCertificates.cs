using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Emergency.EndToEnd.Tests.Security;

/// <summary>
/// A throw-away PKI made at test time (nothing committed): a CA, a server certificate for 127.0.0.1 signed by it, a
/// device certificate signed by it, and a self-signed device certificate no one trusts.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    public const string ServerPfxPassword = "test-only-pfx-password";

    private TestCertificates(string directory, X509Certificate2 ca, X509Certificate2 server, X509Certificate2 device, X509Certificate2 selfSigned)
    {
        Directory = directory;
        Ca = ca;
        Server = server;
        Device = device;
        SelfSignedDevice = selfSigned;
    }

    public string Directory { get; }
    public X509Certificate2 Ca { get; }
    public X509Certificate2 Server { get; }
    public X509Certificate2 Device { get; }
    public X509Certificate2 SelfSignedDevice { get; }
    public string ServerPfxFile => Path.Combine(Directory, "server.pfx");
    public string CaPemFile => Path.Combine(Directory, "ca.pem");

    public static TestCertificates Create(string directory, string deviceId)
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Emergency test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));

        var server = Issue(ca, "CN=127.0.0.1", now, serverAuth: true, san: b => { b.AddIpAddress(IPAddress.Loopback); b.AddDnsName("localhost"); });
        var device = Issue(ca, $"CN={deviceId}", now, serverAuth: false, san: null);

        using var selfKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var selfRequest = new CertificateRequest($"CN={deviceId}", selfKey, HashAlgorithmName.SHA256);
        selfRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        var selfSigned = Reload(selfRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30)));

        File.WriteAllBytes(Path.Combine(directory, "server.pfx"), server.Export(X509ContentType.Pkcs12, ServerPfxPassword));
        File.WriteAllText(Path.Combine(directory, "ca.pem"), ca.ExportCertificatePem());
        return new TestCertificates(directory, ca, server, device, selfSigned);
    }

    private static X509Certificate2 Issue(X509Certificate2 ca, string subject, DateTimeOffset now, bool serverAuth, Action<SubjectAlternativeNameBuilder>? san)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(serverAuth ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        if (san is not null)
        {
            var builder = new SubjectAlternativeNameBuilder();
            san(builder);
            request.CertificateExtensions.Add(builder.Build());
        }
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var issued = request.Create(ca, now.AddDays(-1), now.AddDays(29), serial);
        return Reload(issued.CopyWithPrivateKey(key));
    }

    // A certificate with a key that outlives this method (the ECDsa objects above are disposed).
    private static X509Certificate2 Reload(X509Certificate2 withKey)
    {
        using (withKey)
        {
            return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        }
    }

    /// <summary>A server-certificate check that trusts only <see cref="Ca"/> (not the machine's store).</summary>
    public bool TrustsServer(X509Certificate certificate)
    {
        using var presented = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(presented);
    }

    public void Dispose()
    {
        Ca.Dispose();
        Server.Dispose();
        Device.Dispose();
        SelfSignedDevice.Dispose();
    }
}
