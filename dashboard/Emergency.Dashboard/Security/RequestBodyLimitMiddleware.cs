using Microsoft.AspNetCore.Http.Features;

namespace Emergency.Dashboard.Security;

/// <summary>
/// Small bodies for the JSON API (<c>Security:Http:MaxJsonBodyBytes</c>), larger ones only for document imports
/// (<c>MaxImportBodyBytes</c>); a larger body is refused with 413 before it is read.
/// </summary>
public sealed class RequestBodyLimitMiddleware(RequestDelegate next, HttpLimitOptions limits)
{
    public Task InvokeAsync(HttpContext context)
    {
        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = context.Request.Path.StartsWithSegments("/api/edxl-have")
                ? limits.MaxImportBodyBytes
                : limits.MaxJsonBodyBytes;
        }
        return next(context);
    }
}
