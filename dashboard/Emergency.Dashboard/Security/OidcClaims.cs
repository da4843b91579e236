using System.Security.Claims;

namespace Emergency.Dashboard.Security;

/// <summary>
/// Turns an OpenID Connect access token's claims into ours: the name from <c>NameClaim</c>, the role from
/// <c>RoleClaim</c> (through <c>RoleMap</c>; the first value that maps wins, admin first), the scope from
/// <c>ScopeClaim</c> (one value per id, or several separated by spaces).
/// </summary>
public static class OidcClaims
{
    public static UserAccess? Map(ClaimsPrincipal? principal, OidcOptions options)
    {
        if (principal is null) return null;
        var name = principal.FindFirst(options.NameClaim)?.Value ?? principal.FindFirst("sub")?.Value;
        if (string.IsNullOrEmpty(name)) return null;
        var roles = principal.FindAll(options.RoleClaim)
            .Select(c => RoleCodes.Parse(options.RoleMap.TryGetValue(c.Value, out var mapped) ? mapped : c.Value))
            .OfType<Role>()
            .ToList();
        if (roles.Count == 0) return null;
        var role = roles.Contains(Role.Admin) ? Role.Admin : roles[0];
        var scope = principal.FindAll(options.ScopeClaim)
            .SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(Ids.IsValid)
            .ToHashSet(StringComparer.Ordinal);
        return new UserAccess(name, role, scope);
    }
}
