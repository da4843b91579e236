using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Emergency.Dashboard.Security;

/// <summary>
/// Sign-in: <c>GET/POST /login</c> (the browser's form, a session cookie), <c>GET /logout</c>, <c>POST /api/auth/token</c>
/// (a bearer token for API clients and the hub), <c>GET /api/auth/me</c> (who is signed in).
/// </summary>
public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/login", async (IWebHostEnvironment env, IOptions<SecurityOptions> options) =>
        {
            var html = await File.ReadAllTextAsync(Path.Combine(env.WebRootPath, "login.html"));
            // The page says whether demo users exist; no script is inlined (the CSP allows none).
            html = html.Replace("data-development=\"false\"", $"data-development=\"{(options.Value.Development ? "true" : "false")}\"", StringComparison.Ordinal);
            return Results.Content(html, "text/html; charset=utf-8");
        });

        app.MapPost("/login", async (HttpContext context, UserStore users, SignInThrottle throttle, SecurityMetrics metrics, AccessGuard guard) =>
        {
            var form = await context.Request.ReadFormAsync();
            var name = form["userName"].ToString().Trim();
            var returnUrl = LocalOrRoot(form["returnUrl"].ToString());
            var (user, refusal) = await Verify(context, name, form["password"].ToString(), users, throttle, metrics, guard, "login");
            if (user is null)
            {
                var reason = refusal == StatusCodes.Status429TooManyRequests ? "throttled" : "failed";
                return Results.Redirect($"/login?error={reason}&returnUrl={Uri.EscapeDataString(returnUrl)}");
            }
            await context.SignInAsync(SecurityExtensions.CookieScheme, user.ToPrincipal(SecurityExtensions.CookieScheme));
            return Results.Redirect(returnUrl);
        });

        app.MapGet("/logout", async (HttpContext context) =>
        {
            await context.SignOutAsync(SecurityExtensions.CookieScheme);
            return Results.Redirect("/login");
        });
        app.MapPost("/logout", async (HttpContext context) =>
        {
            await context.SignOutAsync(SecurityExtensions.CookieScheme);
            return Results.Redirect("/login");
        });

        app.MapPost("/api/auth/token", async (HttpContext context, TokenRequest? body, UserStore users, SignInThrottle throttle,
            SecurityMetrics metrics, AccessGuard guard, TokenIssuer issuer) =>
        {
            var (user, refusal) = await Verify(context, body?.UserName?.Trim() ?? "", body?.Password ?? "", users, throttle, metrics, guard, "token");
            if (user is null)
            {
                return refusal == StatusCodes.Status429TooManyRequests
                    ? Results.Problem(statusCode: 429, title: "too many failed sign-ins", detail: "wait for the time in Retry-After and try again")
                    : Results.Problem(statusCode: 401, title: "sign-in failed", detail: "unknown user name or wrong password");
            }
            var (token, expiresAt) = issuer.Issue(user);
            return Results.Ok(new
            {
                accessToken = token,
                tokenType = "Bearer",
                expiresAt,
                expiresIn = (int)(expiresAt - DateTimeOffset.UtcNow).TotalSeconds,
                user = Describe(user),
            });
        });

        app.MapGet("/api/auth/me", (HttpContext context, IOptions<SecurityOptions> options) =>
            UserAccess.From(context.User) is { } user
                ? Results.Ok(new { name = user.Name, role = user.Role.ToCode(), scope = user.Scope.Order(StringComparer.Ordinal), development = options.Value.Development })
                : Results.Problem(statusCode: 401, title: "sign in required"));

        return app;
    }

    private static object Describe(UserAccess user) => new { name = user.Name, role = user.Role.ToCode(), scope = user.Scope.Order(StringComparer.Ordinal) };

    /// <summary>Checks a password under the throttle; answers the person, or the refusal (401 wrong, 429 throttled), audited either way.</summary>
    private static async Task<(UserAccess? User, int Refusal)> Verify(HttpContext context, string name, string password, UserStore users,
        SignInThrottle throttle, SecurityMetrics metrics, AccessGuard guard, string action)
    {
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var subject = new AuditSubject();
        var target = $"{context.Request.Method} {context.Request.Path}";
        var attempted = new UserAccess(name.Length is > 0 and <= 64 ? name : "(invalid)", Role.Crew, new HashSet<string>());
        if (throttle.RetryAfter(name, address) is { } wait)
        {
            metrics.SignInWasThrottled();
            context.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await guard.RecordRefusalAsync(guard.Entry(context, attempted, action, subject, "refused", 429, target) with { Role = null });
            return (null, StatusCodes.Status429TooManyRequests);
        }
        if (users.Verify(name, password) is not { } user)
        {
            throttle.Failed(name, address);
            metrics.SignInFailed();
            await guard.RecordRefusalAsync(guard.Entry(context, attempted, action, subject, "refused", 401, target) with { Role = null });
            return (null, StatusCodes.Status401Unauthorized);
        }
        throttle.Succeeded(name);
        await guard.TryRecordAsync([guard.Entry(context, user, action, subject, "allowed", null, target)]);
        return (user, 0);
    }

    /// <summary>Only a local path (no scheme, no <c>//host</c>): the form cannot send anyone elsewhere.</summary>
    private static string LocalOrRoot(string? url) =>
        url is { Length: > 0 } u && u[0] == '/' && (u.Length == 1 || (u[1] != '/' && u[1] != '\\')) ? u : "/";
}

public sealed record TokenRequest(string? UserName, string? Password);
