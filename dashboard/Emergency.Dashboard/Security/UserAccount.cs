namespace Emergency.Dashboard.Security;

/// <summary>A local account as stored: the password only as a <see cref="Microsoft.AspNetCore.Identity.PasswordHasher{TUser}"/> hash.</summary>
public sealed record UserAccount(
    string Name,
    string Role,
    IReadOnlyList<string> Scope,
    string PasswordHash,
    bool Disabled,
    DateTimeOffset CreatedAt)
{
    public UserAccess? ToAccess() =>
        RoleCodes.Parse(Role) is { } role ? new UserAccess(Name, role, Scope.ToHashSet(StringComparer.Ordinal)) : null;
}

/// <summary>An account as the admin API and the command show it (no hash).</summary>
public sealed record UserView(string Name, string Role, IReadOnlyList<string> Scope, bool Disabled, DateTimeOffset CreatedAt, bool Demo)
{
    public static UserView From(UserAccount a, bool demo) => new(a.Name, a.Role, a.Scope, a.Disabled, a.CreatedAt, demo);
}
