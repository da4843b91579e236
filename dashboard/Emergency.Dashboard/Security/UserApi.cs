namespace Emergency.Dashboard.Security;

/// <summary>Administrators manage local accounts: <c>GET /api/users</c>, <c>POST /api/users</c>, <c>POST /api/users/{name}/disable</c>.</summary>
public static class UserApi
{
    public static IEndpointRouteBuilder MapUserApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/users", (UserStore users) => Results.Ok(users.List()));

        app.MapPost("/api/users", (NewUserRequest body, UserStore users) =>
        {
            var (user, password, errors) = users.Add(new NewUser(body.Name, body.Role, body.Scope, body.Password));
            return user is null
                ? Results.ValidationProblem(new Dictionary<string, string[]> { ["errors"] = [.. errors] }, detail: string.Join("; ", errors), title: "invalid user")
                // The password is shown once, here; only its hash is kept.
                : Results.Created($"/api/users/{user.Name}", new { user, password = body.Password is null ? password : null });
        });

        app.MapPost("/api/users/{name}/disable", (string name, UserStore users) =>
            users.Disable(name)
                ? Results.Ok(users.List().First(u => u.Name == name))
                : Results.Problem(statusCode: 404, title: "unknown user", detail: $"no user {name}"));
        return app;
    }
}

/// <summary>Body of <c>POST /api/users</c>: <c>{"name","role","scope":[…],"password"}</c> (password optional: one is generated).</summary>
public sealed record NewUserRequest(string? Name, string? Role, string[]? Scope, string? Password);
