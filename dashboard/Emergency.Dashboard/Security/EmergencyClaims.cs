namespace Emergency.Dashboard.Security;

/// <summary>Claim types of a signed-in person, the same for cookies, our tokens and mapped OpenID Connect tokens.</summary>
public static class EmergencyClaims
{
    public const string Name = "name";
    public const string Role = "emergency_role";
    /// <summary>One claim per hospital, region or unit id the role applies to.</summary>
    public const string Scope = "emergency_scope";
}
