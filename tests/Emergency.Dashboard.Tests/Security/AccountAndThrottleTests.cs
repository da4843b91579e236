using System.Security.Claims;
using Emergency.Dashboard.Security;
using Microsoft.Extensions.Time.Testing;

namespace Emergency.Dashboard.Tests.Security;

public sealed class AccountAndThrottleTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("emergency-users-").FullName;
    private string FilePath => Path.Combine(_directory, "users.json");

    [Fact]
    public void Added_account_signs_in_with_its_password_only_and_the_file_holds_no_password()
    {
        var store = new UserStore(FilePath, seedDemoUsers: false);
        var (user, password, errors) = store.Add(new NewUser("ed.chen", "ed", ["H-08"], null));

        Assert.Empty(errors);
        Assert.NotNull(user);
        Assert.Equal(24, password!.Length);
        Assert.Equal(Role.Ed, store.Verify("ed.chen", password)!.Role);
        Assert.Null(store.Verify("ed.chen", password + "x"));
        Assert.Null(store.Verify("nobody", password));
        Assert.DoesNotContain(password, File.ReadAllText(FilePath));
        // A second store on the same file (the host, while the command adds) sees the account.
        Assert.NotNull(new UserStore(FilePath, seedDemoUsers: false).Verify("ed.chen", password));
    }

    [Fact]
    public void Disabled_account_no_longer_signs_in()
    {
        var store = new UserStore(FilePath, seedDemoUsers: false);
        store.Add(new NewUser("crew.1", "crew", ["AMB-1"], "long-enough-password"));
        Assert.True(store.Disable("crew.1"));
        Assert.Null(store.Verify("crew.1", "long-enough-password"));
        Assert.False(store.Disable("nobody"));
    }

    [Theory]
    [InlineData("bad name", "ed", new[] { "H-1" }, "name:")]
    [InlineData("x", "nurse", new[] { "H-1" }, "role:")]
    [InlineData("x", "ed", new string[0], "at least one hospital")]
    [InlineData("x", "dispatcher", new string[0], "at least one region")]
    [InlineData("x", "crew", new[] { "A", "B" }, "one unit")]
    [InlineData("x", "admin", new[] { "H-1" }, "takes no scope")]
    public void Bad_account_request_is_refused_naming_the_field(string name, string role, string[] scope, string error)
    {
        var store = new UserStore(FilePath, seedDemoUsers: false);
        var (user, _, errors) = store.Add(new NewUser(name, role, scope, null));
        Assert.Null(user);
        Assert.Contains(errors, e => e.Contains(error));
        Assert.False(File.Exists(FilePath));
    }

    [Fact]
    public void Demo_users_exist_only_in_development_mode_and_never_in_the_file()
    {
        var development = new UserStore(FilePath, seedDemoUsers: true);
        Assert.NotNull(development.Verify("admin", UserStore.DemoPassword));
        Assert.NotNull(development.Verify("ed.H-08", UserStore.DemoPassword));
        development.Add(new NewUser("real.user", "admin", [], "long-enough-password"));
        Assert.DoesNotContain("ed.H-08", File.ReadAllText(FilePath));
        Assert.Null(new UserStore(FilePath, seedDemoUsers: false).Verify("admin", UserStore.DemoPassword));
    }

    [Fact]
    public void Throttle_refuses_after_max_failures_until_the_oldest_leaves_the_window()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-02T10:00:00Z"));
        var throttle = new SignInThrottle(new SignInOptions { MaxFailures = 3, MaxFailuresPerAddress = 100, FailureWindow = TimeSpan.FromMinutes(15) }, time);
        for (var i = 0; i < 2; i++)
        {
            throttle.Failed("ed.chen", "10.0.0.1");
            time.Advance(TimeSpan.FromMinutes(1));
        }
        Assert.Null(throttle.RetryAfter("ed.chen", "10.0.0.1"));
        throttle.Failed("ed.chen", "10.0.0.1");

        Assert.Equal(TimeSpan.FromMinutes(13), throttle.RetryAfter("ed.chen", "10.0.0.2"));
        Assert.Null(throttle.RetryAfter("ed.other", "10.0.0.1"));
        time.Advance(TimeSpan.FromMinutes(13));
        Assert.Null(throttle.RetryAfter("ed.chen", "10.0.0.1"));
    }

    [Fact]
    public void Throttle_limits_an_address_guessing_many_names()
    {
        var time = new FakeTimeProvider();
        var throttle = new SignInThrottle(new SignInOptions { MaxFailures = 3, MaxFailuresPerAddress = 5 }, time);
        for (var i = 0; i < 5; i++) throttle.Failed("name" + i, "10.0.0.9");
        Assert.NotNull(throttle.RetryAfter("fresh.name", "10.0.0.9"));
        Assert.Null(throttle.RetryAfter("fresh.name", "10.0.0.10"));
    }

    [Fact]
    public void Oidc_claims_map_to_our_role_and_scope()
    {
        var options = new OidcOptions { RoleMap = new(StringComparer.OrdinalIgnoreCase) { ["Emergency.EdStaff"] = "ed" } };
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim("preferred_username", "chen@hospital.example"),
            new Claim("roles", "Emergency.EdStaff"),
            new Claim("emergency_scope", "H-08 H-09"),
        ], "oidc"));

        var user = OidcClaims.Map(principal, options);

        Assert.NotNull(user);
        Assert.Equal("chen@hospital.example", user.Name);
        Assert.Equal(Role.Ed, user.Role);
        Assert.Equal(["H-08", "H-09"], user.Scope.Order());
        Assert.Null(OidcClaims.Map(new ClaimsPrincipal(new ClaimsIdentity([new Claim("preferred_username", "x"), new Claim("roles", "Reader")], "oidc")), options));
    }

    [Fact]
    public void Claims_round_trip_through_a_principal()
    {
        var user = new UserAccess("dispatch.sh", Role.Dispatcher, new HashSet<string> { "sh", "bj" });
        var back = UserAccess.From(user.ToPrincipal("test"));
        Assert.Equal(user.Name, back!.Name);
        Assert.Equal(user.Role, back.Role);
        Assert.Equal(user.Scope.Order(), back.Scope.Order());
        Assert.Null(UserAccess.From(new ClaimsPrincipal(new ClaimsIdentity())));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
