using System.Text;
using Emergency.Ingest.Security;

namespace Emergency.Ingest.Tests.Security;

public sealed class DeviceSecretTests
{
    [Fact]
    public void Generated_secrets_carry_256_bits_and_differ()
    {
        var a = DeviceSecret.Generate();
        var b = DeviceSecret.Generate();
        Assert.NotEqual(a, b);
        Assert.Equal(43, a.Length); // 32 bytes, URL-safe base64 without padding
        Assert.DoesNotContain(a, c => c is '+' or '/' or '=' or ' ' or '\'');
    }

    [Fact]
    public void Hash_verifies_the_secret_and_nothing_else()
    {
        var secret = DeviceSecret.Generate();
        var hash = DeviceSecret.Hash(secret);

        Assert.True(DeviceSecret.Verify(Encoding.UTF8.GetBytes(secret), hash));
        Assert.False(DeviceSecret.Verify(Encoding.UTF8.GetBytes(secret + "x"), hash));
        Assert.False(DeviceSecret.Verify(Encoding.UTF8.GetBytes(secret[..^1]), hash));
        Assert.False(DeviceSecret.Verify([], hash));
        Assert.DoesNotContain(secret, hash);
    }

    [Fact]
    public void Same_secret_hashes_differently_each_time_because_of_the_salt()
    {
        var secret = DeviceSecret.Generate();
        Assert.NotEqual(DeviceSecret.Hash(secret), DeviceSecret.Hash(secret));
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain-text-password")]
    [InlineData("sha256:abc:def")]
    [InlineData("hmac-sha256:not base64:also not")]
    [InlineData("hmac-sha256:AAAA:AAAA")]
    public void Malformed_stored_hashes_never_verify(string stored)
    {
        Assert.False(DeviceSecret.IsWellFormed(stored));
        Assert.False(DeviceSecret.Verify("anything"u8, stored));
    }
}
