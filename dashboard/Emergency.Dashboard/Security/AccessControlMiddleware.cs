namespace Emergency.Dashboard.Security;

/// <summary>
/// Judges every request by <see cref="EndpointAccessTable"/>: API and hub calls without credentials get 401, pages
/// redirect to <c>/login</c>, a person outside the rule gets 403; allowed accesses to patient data, and every change,
/// are audited before the endpoint runs (503 when the audit log cannot take the entry).
/// </summary>
public sealed class AccessControlMiddleware(RequestDelegate next, ILogger<AccessControlMiddleware> logger)
{
    private static readonly string[] Pages = ["/", "/index.html", "/ed.html", "/dispatch.html", "/crew.html"];

    public async Task InvokeAsync(HttpContext context, AccessGuard guard)
    {
        var endpoint = context.GetEndpoint();
        var user = UserAccess.From(context.User);
        if (endpoint is not RouteEndpoint route)
        {
            // Static files: the boards' pages need sign-in, their scripts and styles (no data) do not.
            if (user is null && Pages.Contains(context.Request.Path.Value, StringComparer.OrdinalIgnoreCase))
            {
                RedirectToLogin(context);
                return;
            }
            await next(context);
            return;
        }

        var pattern = route.RoutePattern.RawText ?? context.Request.Path.Value ?? "/";
        var rule = EndpointAccessTable.Find(context.Request.Method, pattern);
        if (rule is null)
        {
            logger.LogWarning("Endpoint {Method} {Pattern} has no access rule: administrators only", context.Request.Method, pattern);
            rule = EndpointAccessTable.Unlisted;
        }
        if (rule.Anonymous)
        {
            await next(context);
            return;
        }

        var target = $"{context.Request.Method} {pattern}";
        var subject = new AuditSubject();
        if (user is null)
        {
            if (!IsApi(context))
            {
                RedirectToLogin(context);
                return;
            }
            await guard.RecordRefusalAsync(guard.Entry(context, null, rule.Action, subject, "refused", 401, target));
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await Results.Problem(statusCode: 401, title: "sign in required",
                detail: "send a bearer token (POST /api/auth/token) or sign in at /login").ExecuteAsync(context);
            return;
        }
        if (!await rule.Allows(new RuleContext(user, context, guard, subject)))
        {
            await guard.RecordRefusalAsync(guard.Entry(context, user, rule.Action, subject, "refused", 403, target));
            await Forbidden(user, rule.Action).ExecuteAsync(context);
            return;
        }
        if (rule.Audited && !await guard.TryRecordAsync([guard.Entry(context, user, rule.Action, subject, "allowed", null, target)]))
        {
            await AuditUnavailable().ExecuteAsync(context);
            return;
        }
        await next(context);
    }

    public static IResult Forbidden(UserAccess user, string action) =>
        Results.Problem(statusCode: 403, title: "forbidden",
            detail: $"{user.Name} ({user.Role.ToCode()}) may not {action} here");

    public static IResult AuditUnavailable() =>
        Results.Problem(statusCode: 503, title: "audit log unavailable",
            detail: "the access could not be recorded in the audit log, so it was not carried out; try again");

    private static bool IsApi(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/hubs");

    private static void RedirectToLogin(HttpContext context)
    {
        var back = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
        context.Response.Redirect("/login?returnUrl=" + Uri.EscapeDataString(back));
    }
}
