using System.Net;
using System.Net.Http.Json;
using System.Text;
using Emergency.EndToEnd.Tests.Infrastructure;
using static Emergency.EndToEnd.Tests.Infrastructure.Json;

namespace Emergency.EndToEnd.Tests.Security;

/// <summary>Sign-in, throttles, limits and headers of a host in production security mode, through real HTTP clients.</summary>
[Collection(SecurityHostCollection.Name)]
public sealed class HardeningEndToEndTests(SecurityHostFixture fx)
{
    private HostProcess Host => fx.Host;

    private async Task<string> NewUser(string role, params string[] scope)
    {
        var name = $"sec.{Guid.NewGuid():N}"[..20];
        using var admin = Host.ClientWith(await fx.TokenFor("admin"));
        var created = await admin.PostAsJsonAsync("/api/users", new { name, role, scope, password = SecurityHostFixture.Password });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return name;
    }

    [Fact]
    public void First_admin_is_added_by_the_users_command_before_start()
    {
        Assert.Contains($"added {SecurityHostFixture.AdminName} (admin)", fx.AdminCommandOutput);
        Assert.DoesNotContain("SECURITY DEVELOPMENT MODE", Host.Output);
    }

    [Fact]
    public async Task Token_endpoint_refuses_wrong_passwords_counts_them_and_throttles_with_retry_after()
    {
        var name = await NewUser("dispatcher", "sh");
        using var anonymous = Host.ClientWith(null);
        for (var i = 0; i < SecurityHostFixture.MaxFailures; i++)
        {
            var wrong = await anonymous.PostAsJsonAsync("/api/auth/token", new { userName = name, password = "wrong-password-" + i });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.DoesNotContain("accessToken", await wrong.Content.ReadAsStringAsync());
        }

        // Past the limit even the right password waits: guessing stays slow.
        var throttled = await anonymous.PostAsJsonAsync("/api/auth/token", new { userName = name, password = SecurityHostFixture.Password });

        Assert.Equal((HttpStatusCode)429, throttled.StatusCode);
        Assert.True(throttled.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After missing");
        var metrics = await anonymous.GetStringAsync("/metrics");
        Assert.Matches(@"emergency_security_sign_in_failures_total(\{[^}]*\})? [1-9]", metrics);
        Assert.Matches(@"emergency_security_sign_in_throttled_total(\{[^}]*\})? [1-9]", metrics);
        var ready = Parse(await anonymous.GetStringAsync("/health/ready")).GetProperty("security");
        Assert.True(ready.GetProperty("signInFailures").GetInt64() >= SecurityHostFixture.MaxFailures);
        Assert.True(ready.GetProperty("signInThrottled").GetInt64() >= 1);
    }

    [Fact]
    public async Task Per_person_rate_limit_answers_429_with_retry_after()
    {
        var name = await NewUser("dispatcher", "sh");
        using var client = Host.ClientWith(await Host.SignInAsync(name, SecurityHostFixture.Password));
        HttpResponseMessage? limited = null;
        for (var i = 0; i <= SecurityHostFixture.PermitsPerMinute + 5 && limited is null; i++)
        {
            var response = await client.GetAsync("/api/boards/settings");
            if ((int)response.StatusCode == 429) limited = response;
            else Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.NotNull(limited);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After missing");
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        // Another person is not slowed by it.
        using var admin = Host.ClientWith(await fx.TokenFor("admin"));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/boards/settings")).StatusCode);
    }

    [Theory]
    [InlineData("/login")]
    [InlineData("/api/boards/settings")]
    [InlineData("/health/ready")]
    public async Task Security_headers_are_on_every_answer(string path)
    {
        using var client = Host.ClientWith(await fx.TokenFor("admin"));
        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Oversized_body_is_refused_with_413_problem_details_without_a_stack_trace_and_changes_nothing()
    {
        using var client = Host.ClientWith(await fx.TokenFor("admin"));
        var before = await client.GetStringAsync("/api/hospitals/H-02");
        var padding = new string(' ', 70 * 1024);
        var body = "{\"capacity\":{\"resusBaysTotal\":4,\"resusBaysFree\":0,\"edBedsTotal\":40,\"edBedsFree\":0,\"icuBedsFree\":0,\"orAvailable\":false}," +
                   "\"status\":{\"state\":\"open\"},\"by\":\"x\"" + padding + "}";

        using var response = await client.PutAsync("/api/hospitals/H-02/capacity", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(413, Parse(text).GetProperty("status").GetInt32());
        Assert.DoesNotContain("   at ", text);
        Assert.DoesNotContain("Exception", text);
        Assert.Equal(Parse(before).GetProperty("capacity").ToString(), Parse(await client.GetStringAsync("/api/hospitals/H-02")).GetProperty("capacity").ToString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task A_disabled_account_can_no_longer_use_its_token_or_sign_in()
    {
        var name = await NewUser("ed", "H-08");
        var token = await Host.SignInAsync(name, SecurityHostFixture.Password);
        using var user = Host.ClientWith(token);
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/api/auth/me")).StatusCode);

        using var admin = Host.ClientWith(await fx.TokenFor("admin"));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/users/{name}/disable", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await user.GetAsync("/api/auth/me")).StatusCode);
        using var anonymous = Host.ClientWith(null);
        var again = await anonymous.PostAsJsonAsync("/api/auth/token", new { userName = name, password = SecurityHostFixture.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
    }

    [Fact]
    public async Task Browser_sign_in_sets_an_http_only_same_site_cookie_that_the_api_accepts_and_sign_out_ends_it()
    {
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = Host.BaseAddress };

        var wrong = await browser.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["userName"] = fx.People["ed of H"].Name, ["password"] = "nope-nope-nope", ["returnUrl"] = "/ed/H-08" }));
        Assert.Equal(HttpStatusCode.Redirect, wrong.StatusCode);
        Assert.StartsWith("/login?error=failed", wrong.Headers.Location?.OriginalString);

        var signIn = await browser.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["userName"] = fx.People["ed of H"].Name, ["password"] = SecurityHostFixture.Password, ["returnUrl"] = "/ed/H-08" }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/ed/H-08", signIn.Headers.Location?.OriginalString);
        var setCookie = string.Join("\n", signIn.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);

        var me = Parse(await browser.GetStringAsync("/api/auth/me"));
        Assert.Equal(fx.People["ed of H"].Name, me.GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/ed/H-08")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/api/patients?region=sh")).StatusCode);

        // A return address elsewhere is not followed.
        var offsite = await browser.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["userName"] = fx.People["ed of H"].Name, ["password"] = SecurityHostFixture.Password, ["returnUrl"] = "//evil.example/x" }));
        Assert.Equal("/", offsite.Headers.Location?.OriginalString);

        await browser.GetAsync("/logout");
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task Host_refuses_to_start_in_production_mode_without_a_signing_key()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            HostProcess.StartAsync(new Dictionary<string, string>
            {
                ["Security__Development"] = "false",
                ["Security__Tokens__SigningKey"] = "", // test hosts get a key by default: take it away
            }));
        Assert.Contains("Security:Tokens:SigningKey is not set", error.Message);
    }
}
