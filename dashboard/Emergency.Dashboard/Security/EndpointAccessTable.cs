namespace Emergency.Dashboard.Security;

/// <summary>
/// Every endpoint's rule, by method and route pattern, in one table (docs/security.md lists it). An endpoint missing
/// here is refused to everyone but administrators, so a new endpoint is closed until it is given a rule.
/// </summary>
public static class EndpointAccessTable
{
    private static readonly Dictionary<(string Method, string Pattern), EndpointRule> Rules = new()
    {
        // open: the login form, the token endpoint, health probes, and metrics (scraped from inside the network)
        [("GET", "/login")] = EndpointRule.Open("login.form"),
        [("POST", "/login")] = EndpointRule.Open("login"),
        [("POST", "/api/auth/token")] = EndpointRule.Open("token"),
        [("GET", "/health/live")] = EndpointRule.Open("health.live"),
        [("GET", "/health/ready")] = EndpointRule.Open("health.ready"),
        [("GET", "/metrics")] = EndpointRule.Open("metrics"),

        // any signed-in person: who am I, sign out, pages, the hub connection, hospitals (no patient data)
        [("GET", "/api/auth/me")] = EndpointRule.SignedIn("me"),
        [("GET", "/logout")] = EndpointRule.SignedIn("logout"),
        [("POST", "/logout")] = EndpointRule.SignedIn("logout"),
        [("GET", "/ed/{hospitalId}")] = EndpointRule.SignedIn("page.ed"),
        [("GET", "/dispatch/{region}")] = EndpointRule.SignedIn("page.dispatch"),
        [("GET", "/crew/{unitId}")] = EndpointRule.SignedIn("page.crew"),
        [("POST", "/hubs/live/negotiate")] = EndpointRule.SignedIn("hub.connect"),
        [("GET", "/hubs/live")] = EndpointRule.SignedIn("hub.connect"),
        [("POST", "/hubs/live")] = EndpointRule.SignedIn("hub.connect"),
        [("DELETE", "/hubs/live")] = EndpointRule.SignedIn("hub.connect"),
        [("GET", "/api/boards/settings")] = EndpointRule.SignedIn("boards.settings"),
        [("GET", "/api/hospitals")] = EndpointRule.SignedIn("hospitals.list"),
        [("GET", "/api/hospitals/{hospitalId}")] = EndpointRule.SignedIn("hospital.read"),
        [("GET", "/api/hospitals/{hospitalId}/edxl-have")] = EndpointRule.SignedIn("hospital.edxl-have"),
        [("GET", "/api/edxl-have")] = EndpointRule.SignedIn("hospitals.edxl-have"),

        // patients
        [("GET", "/api/patients")] = EndpointRule.Listing("patients.list"),
        [("GET", "/api/patients/{patientId}")] = EndpointRule.Patient("patient.read", AccessRules.MaySeePatient),
        [("GET", "/api/patients/{patientId}/history")] = EndpointRule.Patient("patient.history", AccessRules.MaySeePatient),
        [("GET", "/api/patients/{patientId}/ecg")] = EndpointRule.Patient("patient.ecg", AccessRules.MaySeePatient),
        [("GET", "/api/patients/{patientId}/alerts")] = EndpointRule.Patient("patient.alerts", AccessRules.MaySeePatient),
        [("POST", "/api/patients/{patientId}/alerts/{alertId}/ack")] = EndpointRule.Patient("alert.acknowledge", AccessRules.MaySeePatient),
        [("PUT", "/api/patients/{patientId}/context")] = EndpointRule.Patient("patient.context", AccessRules.MayRecordContext),
        [("POST", "/api/patients/{patientId}/seen")] = EndpointRule.Patient("patient.seen", AccessRules.MayActAsReceivingEd),
        [("GET", "/api/patients/{patientId}/fhir")] = EndpointRule.Patient("handover.record", AccessRules.MaySeePatient),
        [("GET", "/api/patients/{patientId}/handover")] = EndpointRule.Patient("handover.status", AccessRules.MaySeePatient),
        [("POST", "/api/patients/{patientId}/handover/resend")] = EndpointRule.Patient("handover.resend", AccessRules.MayActAsReceivingEd),
        [("GET", "/api/patients/{patientId}/identity")] = EndpointRule.Patient("identity.read", AccessRules.MaySeePatient),
        [("PUT", "/api/patients/{patientId}/identity")] = EndpointRule.Patient("identity.link", AccessRules.MayActAsReceivingEd),
        [("PUT", "/api/patients/{patientId}/transfer-of-care")] = EndpointRule.Patient("transfer-of-care", AccessRules.MayActAsReceivingEd),

        // hospitals: capacity by the hospital's own ED; imports by administrators
        [("PUT", "/api/hospitals/{hospitalId}/capacity")] = EndpointRule.Hospital("capacity.update", (u, h, _) => AccessRules.MayUpdateCapacity(u, h)),
        [("POST", "/api/edxl-have")] = EndpointRule.AdminOnly("edxl-have.import"),

        // ambulances and dispatch
        [("GET", "/api/ambulances")] = EndpointRule.Listing("ambulances.list"),
        [("GET", "/api/ambulances/{unitId}")] = EndpointRule.Unit("ambulance.read", AccessRules.MaySeeUnit),
        [("PUT", "/api/ambulances/{unitId}/destination")] = EndpointRule.Unit("destination.decide", (u, _, r) => AccessRules.MayDecideDestination(u, r)),
        // the region comes from the body: the endpoint checks it (AccessRules.MayRecommend)
        [("POST", "/api/dispatch/recommendations")] = EndpointRule.Roles("dispatch.recommend", Role.Dispatcher),

        // administration
        [("GET", "/api/users")] = EndpointRule.AdminOnly("users.list"),
        [("POST", "/api/users")] = EndpointRule.AdminOnly("users.add"),
        [("POST", "/api/users/{name}/disable")] = EndpointRule.AdminOnly("users.disable"),
        [("GET", "/api/audit")] = EndpointRule.AdminOnly("audit.read"),
    };

    /// <summary>Rule for an endpoint not in the table: administrators only.</summary>
    public static readonly EndpointRule Unlisted = EndpointRule.AdminOnly("unlisted");

    public static EndpointRule? Find(string method, string pattern)
    {
        var normalised = pattern.Length > 1 ? pattern.TrimEnd('/') : pattern;
        if (!normalised.StartsWith('/')) normalised = "/" + normalised;
        // HEAD is a GET without the body.
        var verb = method == "HEAD" ? "GET" : method;
        return Rules.GetValueOrDefault((verb, normalised));
    }

    /// <summary>The table's size: endpoints (method and pattern) with a rule.</summary>
    public static int Count => Rules.Count;

    public static IEnumerable<(string Method, string Pattern, EndpointRule Rule)> All => Rules.Select(r => (r.Key.Method, r.Key.Pattern, r.Value));
}
