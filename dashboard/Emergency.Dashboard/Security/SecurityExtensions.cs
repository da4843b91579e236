using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Emergency.Dashboard.Security;

/// <summary>
/// People security (section <c>Security</c>): local accounts and an optional OpenID Connect authority, a session cookie
/// for browsers and bearer tokens for API clients and the hub, the access table, the audit log, and HTTP hardening.
/// </summary>
public static class SecurityExtensions
{
    public const string CookieScheme = "Cookie";
    public const string LocalBearerScheme = "Bearer";
    public const string OidcBearerScheme = "Oidc";
    private const string SelectorScheme = "CookieOrBearer";

    public static WebApplicationBuilder AddPeopleSecurity(this WebApplicationBuilder builder, string[] args)
    {
        // --demo means development mode (appsettings.json's `false` is the default for everything else; a demo in
        // secure mode is `Demo:Enabled=true` without --demo).
        if (args.Contains("--demo"))
        {
            builder.Configuration.AddInMemoryCollection([new("Security:Development", "true")]);
        }
        var options = builder.Configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();
        builder.Services.AddOptions<SecurityOptions>().Bind(builder.Configuration.GetSection(SecurityOptions.Section));
        var dataDirectory = builder.Configuration.GetValue("Data:Directory", "data")!;
        // Refuses to start in production without a signing key, with the message saying what to set.
        var key = TokenIssuer.KeyFrom(options.Tokens, options.Development);

        var services = builder.Services;
        services.AddSingleton(options.Http);
        services.AddSingleton(sp => new UserStore(UserStore.DefaultPath(dataDirectory), options.Development));
        services.AddSingleton(sp => new AuditLog(options.Audit.Path ?? AuditLog.DefaultPath(dataDirectory)));
        services.AddSingleton<SecurityMetrics>();
        services.AddSingleton(sp => new SignInThrottle(options.SignIn, TimeProvider.System));
        services.AddSingleton(sp => new TokenIssuer(options.Tokens, key, TimeProvider.System));
        services.AddSingleton<AccessGuard>();
        services.AddProblemDetails();
        // Session cookies stay valid across restarts of the host (and across nodes sharing the data folder).
        services.AddDataProtection()
            .SetApplicationName("Emergency")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "security", "keys")));

        AddAuthentication(services, options, key);
        AddRateLimits(services, options.RateLimit);
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Limits.MaxRequestBodySize = Math.Max(options.Http.MaxJsonBodyBytes, options.Http.MaxImportBodyBytes));
        return builder;
    }

    private static void AddAuthentication(IServiceCollection services, SecurityOptions options, SymmetricSecurityKey key)
    {
        var oidc = options.Oidc.Authority is { Length: > 0 };
        var authentication = services.AddAuthentication(SelectorScheme)
            .AddPolicyScheme(SelectorScheme, "cookie or bearer token", o => o.ForwardDefaultSelector = context =>
                BearerToken(context) is { } token ? (oidc && !IsLocal(token, options.Tokens.Issuer) ? OidcBearerScheme : LocalBearerScheme) : CookieScheme)
            .AddCookie(CookieScheme, o =>
            {
                o.Cookie.Name = "emergency.session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.SlidingExpiration = true;
                o.LoginPath = "/login";
                o.Events = new CookieAuthenticationEvents
                {
                    // A disabled account's session ends at its next request.
                    OnValidatePrincipal = async context =>
                    {
                        if (!IsActive(context.HttpContext, context.Principal))
                        {
                            context.RejectPrincipal();
                            await context.HttpContext.SignOutAsync(CookieScheme);
                        }
                    },
                };
            })
            .AddJwtBearer(LocalBearerScheme, o =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = options.Tokens.Issuer,
                    ValidAudience = options.Tokens.Audience,
                    IssuerSigningKey = key,
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    NameClaimType = EmergencyClaims.Name,
                    RoleClaimType = EmergencyClaims.Role,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                o.Events = new JwtBearerEvents
                {
                    OnMessageReceived = context =>
                    {
                        context.Token = BearerToken(context.HttpContext);
                        return Task.CompletedTask;
                    },
                    OnTokenValidated = context =>
                    {
                        if (!IsActive(context.HttpContext, context.Principal)) context.Fail("the account is disabled");
                        return Task.CompletedTask;
                    },
                };
            });
        if (oidc)
        {
            authentication.AddJwtBearer(OidcBearerScheme, o =>
            {
                o.Authority = options.Oidc.Authority;
                o.Audience = options.Oidc.Audience;
                o.RequireHttpsMetadata = options.Oidc.RequireHttpsMetadata;
                o.MapInboundClaims = false;
                o.Events = new JwtBearerEvents
                {
                    OnMessageReceived = context =>
                    {
                        context.Token = BearerToken(context.HttpContext);
                        return Task.CompletedTask;
                    },
                    OnTokenValidated = context =>
                    {
                        if (OidcClaims.Map(context.Principal, options.Oidc) is { } user)
                        {
                            context.Principal = user.ToPrincipal(OidcBearerScheme);
                        }
                        else
                        {
                            context.Fail("the token names no role this service knows");
                        }
                        return Task.CompletedTask;
                    },
                };
            });
        }
    }

    /// <summary>The bearer token of a request: the Authorization header, or for the hub's WebSocket the <c>access_token</c> query.</summary>
    private static string? BearerToken(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return header["Bearer ".Length..].Trim();
        return context.Request.Path.StartsWithSegments("/hubs") && context.Request.Query["access_token"].ToString() is { Length: > 0 } token
            ? token
            : null;
    }

    private static bool IsLocal(string token, string issuer)
    {
        try
        {
            return new JsonWebToken(token).Issuer == issuer;
        }
        catch (ArgumentException)
        {
            return true;   // not a JWT at all: the local scheme refuses it
        }
    }

    /// <summary>Local accounts must still exist and be enabled; people from the OpenID Connect authority are the authority's.</summary>
    private static bool IsActive(HttpContext context, ClaimsPrincipal? principal)
    {
        if (UserAccess.From(principal) is not { } user) return false;
        var account = context.RequestServices.GetRequiredService<UserStore>().Find(user.Name);
        return account is { Disabled: false };
    }

    private static void AddRateLimits(IServiceCollection services, RateLimitOptions limits)
    {
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                // Probes and scrapes are not people.
                if (context.Request.Path.StartsWithSegments("/health") || context.Request.Path.StartsWithSegments("/metrics"))
                {
                    return RateLimitPartition.GetNoLimiter("probes");
                }
                var key = UserAccess.From(context.User) is { } user ? "user:" + user.Name : "ip:" + context.Connection.RemoteIpAddress;
                return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.PermitsPerWindow,
                    Window = limits.Window,
                    QueueLimit = 0,
                });
            });
            o.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.RequestServices.GetRequiredService<SecurityMetrics>().WasRateLimited();
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : limits.Window;
                context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await Results.Problem(statusCode: 429, title: "too many requests",
                    detail: $"at most {limits.PermitsPerWindow} requests per {limits.Window} per person; try again after Retry-After seconds")
                    .ExecuteAsync(context.HttpContext);
            };
        });
    }

    /// <summary>The people-security pipeline, before static files and endpoints.</summary>
    public static WebApplication UsePeopleSecurity(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityOptions>>().Value;
        if (options.Development)
        {
            var demo = string.Join(", ", UserStore.DemoUsers.Select(u => u.Name));
            app.Logger.LogWarning("SECURITY DEVELOPMENT MODE: demo users {Users} sign in with the password '{Password}' (never use this mode with real patients)",
                demo, UserStore.DemoPassword);
            if (string.IsNullOrWhiteSpace(options.Tokens.SigningKey))
            {
                app.Logger.LogWarning("SECURITY DEVELOPMENT MODE: bearer tokens are signed with a key generated at start (they end with this process)");
            }
        }
        // Problem details without stack traces; a refused body keeps its own status (413 too large, 400 unreadable).
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseRouting();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseMiddleware<AccessControlMiddleware>();
        return app;
    }

    /// <summary>Sign-in, user administration and the audit log's query endpoint.</summary>
    public static IEndpointRouteBuilder MapPeopleSecurityApi(this IEndpointRouteBuilder app)
    {
        app.MapAuthApi();
        app.MapUserApi();
        app.MapAuditApi();
        return app;
    }
}
