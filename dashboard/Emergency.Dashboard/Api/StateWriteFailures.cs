using Emergency.Grains.Persistence;

namespace Emergency.Dashboard.Api;

public static class StateWriteFailures
{
    /// <summary>
    /// A change the grain could not store was not made: answer 503 (try again) rather than 500, with the reason, so no
    /// client takes it for done.
    /// </summary>
    public static IApplicationBuilder UseStateWriteFailures(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (GrainStateWriteException ex) when (!context.Response.HasStarted)
            {
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StateWriteFailures))
                    .LogError("{Method} {Path}: {Error}", context.Request.Method, context.Request.Path, ex.Message);
                context.Response.Clear();
                context.Response.Headers.RetryAfter = "1";
                await Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "not stored",
                    detail: "The change could not be stored, so it was not made. Try again.").ExecuteAsync(context);
            }
        });
}
