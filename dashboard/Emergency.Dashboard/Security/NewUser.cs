using System.Text.RegularExpressions;

namespace Emergency.Dashboard.Security;

/// <summary>
/// A request to add a local account (command line or admin API), checked as a whole: user names are 1–64 characters of
/// <c>A-Z a-z 0-9 - _ .</c>, the role one of ours, and the scope what the role needs (at least one hospital, region or
/// unit id; none for admins).
/// </summary>
public sealed partial record NewUser(string? Name, string? Role, IReadOnlyList<string>? Scope, string? Password)
{
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Name is null || !IdPattern().IsMatch(Name)) errors.Add("name: 1–64 characters of A-Z a-z 0-9 - _ .");
        var role = RoleCodes.Parse(Role);
        if (role is null) errors.Add("role: one of ed, dispatcher, crew, admin");
        var scope = Scope ?? [];
        foreach (var id in scope.Where(id => !IdPattern().IsMatch(id))) errors.Add($"scope: '{id}' is not 1–64 characters of A-Z a-z 0-9 - _ .");
        if (role is Security.Role.Ed or Security.Role.Dispatcher or Security.Role.Crew && scope.Count == 0)
        {
            errors.Add(role switch
            {
                Security.Role.Ed => "scope: an ed user needs at least one hospital id (--hospital)",
                Security.Role.Dispatcher => "scope: a dispatcher needs at least one region id (--region)",
                _ => "scope: a crew user needs its unit id (--unit)",
            });
        }
        if (role == Security.Role.Crew && scope.Count > 1) errors.Add("scope: a crew user belongs to one unit");
        if (role == Security.Role.Admin && scope.Count > 0) errors.Add("scope: an admin sees everything and takes no scope");
        if (Password is { Length: < 12 }) errors.Add("password: at least 12 characters (leave it out to have one generated)");
        return errors;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex IdPattern();
}
