using System.Text;
using Emergency.Domain.Devices;
using Emergency.Ingest.Security;

namespace Emergency.Ingest.Tests.Security;

public sealed class DeviceAuthenticatorTests
{
    private const string Secret = "kq8m3YbN2cVfZ0pL7xR4tW9sA1dE6hJ5uI_oP-gTnBc";
    private static readonly string Thumbprint = new('A', 64);
    private static readonly DeviceRecord Device = Devices.Record("AMB-01", DeviceKind.Ambulance, "sh", Secret, Thumbprint);

    private static ConnectAttempt Attempt(string? user = "AMB-01", string? password = Secret, string? thumbprint = null) =>
        new("AMB-01", user, password is null ? null : Encoding.UTF8.GetBytes(password), thumbprint);

    [Fact]
    public void Right_id_and_secret_are_accepted()
    {
        var verdict = DeviceAuthenticator.Authenticate(Device, Attempt(), developmentMode: false);
        Assert.True(verdict.Accepted);
        Assert.Same(Device, verdict.Device);
        Assert.False(verdict.Unregistered);
    }

    [Fact]
    public void Unknown_device_is_refused_unless_in_development_mode()
    {
        Assert.Equal(DeviceRefusal.UnknownDevice, DeviceAuthenticator.Authenticate(null, Attempt(), false).Refusal);
        var development = DeviceAuthenticator.Authenticate(null, Attempt(), true);
        Assert.True(development.Accepted);
        Assert.True(development.Unregistered);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Registered_device_is_checked_in_every_mode(bool developmentMode)
    {
        Assert.Equal(DeviceRefusal.BadPassword, DeviceAuthenticator.Authenticate(Device, Attempt(password: "wrong"), developmentMode).Refusal);
        Assert.Equal(DeviceRefusal.NoCredentials, DeviceAuthenticator.Authenticate(Device, Attempt(password: null), developmentMode).Refusal);
        Assert.Equal(DeviceRefusal.Revoked, DeviceAuthenticator.Authenticate(
            Device with { RevokedAt = DateTimeOffset.UnixEpoch }, Attempt(), developmentMode).Refusal);
    }

    [Fact]
    public void User_name_must_be_the_device_id()
    {
        Assert.Equal(DeviceRefusal.UserNameMismatch, DeviceAuthenticator.Authenticate(Device, Attempt(user: "AMB-02"), false).Refusal);
        // No user name at all: the client id says who it is.
        Assert.True(DeviceAuthenticator.Authenticate(Device, Attempt(user: null), false).Accepted);
    }

    [Fact]
    public void Registered_certificate_stands_in_for_the_password()
    {
        Assert.True(DeviceAuthenticator.Authenticate(Device, Attempt(password: null, thumbprint: Thumbprint.ToLowerInvariant()), false).Accepted);
        Assert.Equal(DeviceRefusal.NoCredentials,
            DeviceAuthenticator.Authenticate(Device, Attempt(password: null, thumbprint: new string('B', 64)), false).Refusal);
        // A password that is sent must be right, even with the right certificate.
        Assert.Equal(DeviceRefusal.BadPassword,
            DeviceAuthenticator.Authenticate(Device, Attempt(password: "wrong", thumbprint: Thumbprint), false).Refusal);
    }
}
