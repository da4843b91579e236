namespace Emergency.Dashboard.Security;

/// <summary>What a person does; the scope (<see cref="UserAccess.Scope"/>) says where.</summary>
public enum Role
{
    /// <summary>Emergency department staff; scope: hospital ids.</summary>
    Ed,

    /// <summary>Dispatcher; scope: region ids.</summary>
    Dispatcher,

    /// <summary>Ambulance crew; scope: the unit id.</summary>
    Crew,

    /// <summary>Manages devices and users; sees everything.</summary>
    Admin,
}

public static class RoleCodes
{
    public static string ToCode(this Role role) => role switch
    {
        Role.Ed => "ed",
        Role.Dispatcher => "dispatcher",
        Role.Crew => "crew",
        Role.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static Role? Parse(string? code) => code?.Trim().ToLowerInvariant() switch
    {
        "ed" => Role.Ed,
        "dispatcher" => Role.Dispatcher,
        "crew" => Role.Crew,
        "admin" => Role.Admin,
        _ => null,
    };
}
