using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Emergency.Domain.Devices;
using Emergency.Ingest.Security;

namespace Emergency.Benchmarks.Micro;

/// <summary>
/// What the broker spends per device connect and per publish on security: the salted HMAC-SHA256 check of a device
/// secret (against PBKDF2 at 100k iterations, the slow hash it deliberately does not use), the topic ACL and the
/// rate-limit bucket.
/// </summary>
[MemoryDiagnoser]
public class DeviceAuthBenchmarks
{
    private static readonly byte[] Salt = RandomNumberGenerator.GetBytes(16);
    private readonly DeviceRecord _device;
    private readonly byte[] _password;
    private readonly TokenBucket _bucket = new(1e12, int.MaxValue, 0);
    private long _now;

    public DeviceAuthBenchmarks()
    {
        var secret = DeviceSecret.Generate();
        _password = Encoding.UTF8.GetBytes(secret);
        _device = new DeviceRecord
        {
            Id = "AMB-01", Kind = DeviceKind.Ambulance, Region = "sh",
            SecretHash = DeviceSecret.Hash(secret), CreatedAt = DateTimeOffset.UnixEpoch,
        };
    }

    [Benchmark(Baseline = true)]
    public bool VerifySecret() => DeviceSecret.Verify(_password, _device.SecretHash);

    [Benchmark]
    public byte[] Pbkdf2_100k_for_comparison() => Rfc2898DeriveBytes.Pbkdf2(_password, Salt, 100_000, HashAlgorithmName.SHA256, 32);

    [Benchmark]
    public bool TopicAclCheck() => TopicAcl.MayPublish(_device, "ems/sh/ambulance/AMB-01/vitals", out _);

    [Benchmark]
    public bool RateLimitTake() => _bucket.TryTake(++_now, 1_000_000_000);
}
