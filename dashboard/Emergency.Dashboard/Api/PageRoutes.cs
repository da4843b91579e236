namespace Emergency.Dashboard.Api;

/// <summary>Serves the single-page boards under readable addresses; each page reads its id from the path.</summary>
public static class PageRoutes
{
    public static IEndpointRouteBuilder MapPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/ed/{hospitalId}", (IWebHostEnvironment env) =>
            Results.File(Path.Combine(env.WebRootPath, "ed.html"), "text/html; charset=utf-8"));
        app.MapGet("/dispatch/{region}", (IWebHostEnvironment env) =>
            Results.File(Path.Combine(env.WebRootPath, "dispatch.html"), "text/html; charset=utf-8"));
        app.MapGet("/crew/{unitId}", (IWebHostEnvironment env) =>
            Results.File(Path.Combine(env.WebRootPath, "crew.html"), "text/html; charset=utf-8"));
        return app;
    }
}
