using System.Net;
using System.Net.Http.Json;
using Emergency.EndToEnd.Tests.Infrastructure;
using static Emergency.EndToEnd.Tests.Infrastructure.Json;

namespace Emergency.EndToEnd.Tests.Security;

/// <summary>The shared test host runs in development mode: the demo users exist, and the host says so loudly.</summary>
[Collection(HostCollection.Name)]
public sealed class DevelopmentModeEndToEndTests(HostFixture fx)
{
    private HostProcess Host => fx.Host;

    [Fact]
    public void Host_logs_each_relaxation_of_development_mode_at_start()
    {
        Assert.Contains("SECURITY DEVELOPMENT MODE: demo users admin, dispatch.sh, ed.H-08, crew.AMB-01", Host.Output);
        Assert.Contains("SECURITY DEVELOPMENT MODE: bearer tokens are signed with a key generated at start", Host.Output);
    }

    [Theory]
    [InlineData("admin", "admin")]
    [InlineData("dispatch.sh", "dispatcher")]
    [InlineData("ed.H-08", "ed")]
    [InlineData("crew.AMB-01", "crew")]
    public async Task Demo_user_signs_in_with_the_demo_password(string name, string role)
    {
        using var client = Host.ClientWith(await Host.SignInAsync(name, HostProcess.DemoPassword));
        var me = Parse(await client.GetStringAsync("/api/auth/me"));
        Assert.Equal(role, me.GetProperty("role").GetString());
        Assert.True(me.GetProperty("development").GetBoolean());

        using var anonymous = Host.ClientWith(null);
        var wrong = await anonymous.PostAsJsonAsync("/api/auth/token", new { userName = name, password = "not-demo" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Fact]
    public async Task Sign_in_page_lists_the_demo_users_in_development_mode()
    {
        using var anonymous = Host.ClientWith(null);
        var page = await anonymous.GetStringAsync("/login");
        Assert.Contains("data-development=\"true\"", page);
        Assert.Contains("crew.AMB-01", page);
        Assert.DoesNotContain("<script>", page);
    }
}
