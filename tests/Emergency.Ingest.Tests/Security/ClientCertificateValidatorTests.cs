using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Emergency.Ingest.Security;

namespace Emergency.Ingest.Tests.Security;

public sealed class ClientCertificateValidatorTests : IDisposable
{
    private readonly X509Certificate2 _ca;
    private readonly X509Certificate2 _signed;
    private readonly X509Certificate2 _selfSigned;
    private readonly X509Certificate2 _expired;

    public ClientCertificateValidatorTests()
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Device CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        _ca = caRequest.CreateSelfSigned(now.AddDays(-5), now.AddDays(10));
        _signed = Issue("CN=AMB-01", now.AddDays(-1), now.AddDays(5));
        _expired = Issue("CN=AMB-02", now.AddDays(-3), now.AddDays(-1));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _selfSigned = new CertificateRequest("CN=AMB-01", key, HashAlgorithmName.SHA256).CreateSelfSigned(now.AddDays(-1), now.AddDays(5));
    }

    private X509Certificate2 Issue(string subject, DateTimeOffset from, DateTimeOffset to)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new CertificateRequest(subject, key, HashAlgorithmName.SHA256).Create(_ca, from, to, RandomNumberGenerator.GetBytes(8));
    }

    private ClientCertificateValidator Validator(ClientCertificateMode mode, List<string>? refused = null)
    {
        var validator = new ClientCertificateValidator([_ca], mode);
        validator.Refused += (_, reason) => refused?.Add(reason);
        return validator;
    }

    [Fact]
    public void Certificate_signed_by_the_configured_CA_passes() =>
        Assert.True(Validator(ClientCertificateMode.Required).Validate(this, _signed, null, SslPolicyErrors.RemoteCertificateChainErrors));

    [Fact]
    public void Self_signed_or_expired_certificates_are_refused_with_a_reason()
    {
        var refused = new List<string>();
        var validator = Validator(ClientCertificateMode.Optional, refused);
        Assert.False(validator.Validate(this, _selfSigned, null, SslPolicyErrors.None));
        Assert.False(validator.Validate(this, _expired, null, SslPolicyErrors.None));
        Assert.Equal(2, refused.Count);
        Assert.All(refused, r => Assert.Contains("not trusted", r));
    }

    [Fact]
    public void Missing_certificate_passes_only_when_optional()
    {
        Assert.True(Validator(ClientCertificateMode.Optional).Validate(this, null, null, SslPolicyErrors.RemoteCertificateNotAvailable));
        var refused = new List<string>();
        Assert.False(Validator(ClientCertificateMode.Required, refused).Validate(this, null, null, SslPolicyErrors.RemoteCertificateNotAvailable));
        Assert.Equal(["no client certificate"], refused);
    }

    public void Dispose()
    {
        _ca.Dispose();
        _signed.Dispose();
        _selfSigned.Dispose();
        _expired.Dispose();
    }
}
