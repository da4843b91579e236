using System.Security.Claims;

namespace Emergency.Dashboard.Security;

/// <summary>Who is asking and where their role applies: the input of every access decision.</summary>
public sealed record UserAccess(string Name, Role Role, IReadOnlySet<string> Scope)
{
    public bool IsAdmin => Role == Role.Admin;

    public bool Covers(string? id) => id is not null && Scope.Contains(id);

    /// <summary>The person in a principal built from our claims; null when not signed in or the claims are incomplete.</summary>
    public static UserAccess? From(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true) return null;
        var name = principal.FindFirst(EmergencyClaims.Name)?.Value;
        var role = RoleCodes.Parse(principal.FindFirst(EmergencyClaims.Role)?.Value);
        if (string.IsNullOrEmpty(name) || role is null) return null;
        var scope = principal.FindAll(EmergencyClaims.Scope).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return new UserAccess(name, role.Value, scope);
    }

    public IEnumerable<Claim> ToClaims()
    {
        yield return new Claim(EmergencyClaims.Name, Name);
        yield return new Claim(EmergencyClaims.Role, Role.ToCode());
        foreach (var id in Scope.Order(StringComparer.Ordinal)) yield return new Claim(EmergencyClaims.Scope, id);
    }

    public ClaimsPrincipal ToPrincipal(string authenticationType) =>
        new(new ClaimsIdentity(ToClaims(), authenticationType, EmergencyClaims.Name, EmergencyClaims.Role));
}
