namespace Emergency.Dashboard.Security;

/// <summary>What one endpoint demands: nothing (<see cref="Anonymous"/>), a signed-in person, or a rule over the request.</summary>
public sealed record EndpointRule(string Action, bool Anonymous, bool Audited, Func<RuleContext, Task<bool>> Allows)
{
    public static EndpointRule Open(string action) => new(action, true, false, _ => Task.FromResult(true));

    public static EndpointRule SignedIn(string action, bool audited = false) => new(action, false, audited, _ => Task.FromResult(true));

    public static EndpointRule AdminOnly(string action) => new(action, false, true, c => Task.FromResult(c.User.IsAdmin));

    public static EndpointRule Roles(string action, params Role[] roles) =>
        new(action, false, true, c => Task.FromResult(c.User.IsAdmin || roles.Contains(c.User.Role)));

    /// <summary>A patient named by the route's <c>patientId</c>; a malformed id goes on to the endpoint's 400.</summary>
    public static EndpointRule Patient(string action, Func<UserAccess, PatientScope, bool> rule) => new(action, false, true, async c =>
    {
        if (c.Route("patientId") is not { } id) return true;
        c.Subject.PatientId = id;
        if (c.User.IsAdmin) return true;
        if (await c.Guard.PatientAsync(id) is not { } scope) return false;
        c.Subject.Region = scope.Region;
        c.Subject.HospitalId = scope.HospitalId;
        return rule(c.User, scope);
    });

    /// <summary>A hospital named by the route's <c>hospitalId</c>.</summary>
    public static EndpointRule Hospital(string action, Func<UserAccess, string, string, bool> rule) => new(action, false, true, async c =>
    {
        if (c.Route("hospitalId") is not { } id) return true;
        c.Subject.HospitalId = id;
        return c.User.IsAdmin || (await c.Guard.HospitalRegionAsync(id) is { } region && rule(c.User, id, region));
    });

    /// <summary>An ambulance named by the route's <c>unitId</c>.</summary>
    public static EndpointRule Unit(string action, Func<UserAccess, string, string, bool> rule) => new(action, false, true, async c =>
    {
        if (c.Route("unitId") is not { } id) return true;
        c.Subject.UnitId = id;
        if (c.User.IsAdmin) return true;
        if (await c.Guard.UnitRegionAsync(id) is not { } region) return false;
        c.Subject.Region = region;
        return rule(c.User, id, region);
    });

    /// <summary>A list filtered by <c>?region=</c> or <c>?hospitalId=</c>; without a valid filter the endpoint answers 400.</summary>
    public static EndpointRule Listing(string action) => new(action, false, true, async c =>
    {
        if (c.Query("hospitalId") is { } hospitalId)
        {
            c.Subject.HospitalId = hospitalId;
            return c.User.IsAdmin || (await c.Guard.HospitalRegionAsync(hospitalId) is { } region
                && AccessRules.MaySeeHospitalPatients(c.User, hospitalId, region));
        }
        if (c.Query("region") is { } regionId)
        {
            c.Subject.Region = regionId;
            return AccessRules.MaySeeRegion(c.User, regionId);
        }
        return true;
    });
}

/// <summary>The request being judged, the person asking, and where the audit subject is filled in.</summary>
public sealed record RuleContext(UserAccess User, HttpContext Http, AccessGuard Guard, AuditSubject Subject)
{
    /// <summary>A well-formed id from the route (a malformed one is the endpoint's 400, judged there).</summary>
    public string? Route(string name) => Http.Request.RouteValues[name] is string id && Ids.IsValid(id) ? id : null;

    public string? Query(string name) => Http.Request.Query[name].ToString() is { Length: > 0 } id && Ids.IsValid(id) ? id : null;
}
