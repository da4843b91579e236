namespace Emergency.EndToEnd.Tests.Security;

/// <summary>
/// Every endpoint and hub method, and who may use it. <c>{P}</c>, <c>{U}</c> stand for the fixture's patient and
/// unit. An allowed person gets <see cref="HttpRow.Allowed"/> (the endpoint's own answer), everyone else 403, and an
/// unauthenticated caller 401 (pages: a redirect to the sign-in page).
/// </summary>
public static class SecurityTable
{
    public const string Anonymous = "unauthenticated";

    public static readonly string[] People =
        ["admin", "ed of H", "ed of other", "dispatcher of R", "dispatcher of other", "crew of U", "crew of other", Anonymous];

    private static readonly string[] SignedIn = [.. People.Where(p => p != Anonymous)];
    private static readonly string[] Everyone = People;
    private static readonly string[] PatientReaders = ["admin", "ed of H", "dispatcher of R", "crew of U"];
    private static readonly string[] ReceivingEd = ["admin", "ed of H"];
    private static readonly string[] Crew = ["admin", "crew of U"];
    private static readonly string[] RegionReaders = ["admin", "dispatcher of R"];
    private static readonly string[] HospitalPatientReaders = ["admin", "ed of H", "dispatcher of R"];
    private static readonly string[] UnitReaders = ["admin", "crew of U", "dispatcher of R"];
    private static readonly string[] Admin = ["admin"];

    private const string Capacity = """{"capacity":{"resusBaysTotal":4,"resusBaysFree":1,"edBedsTotal":40,"edBedsFree":6,"icuBedsFree":2,"orAvailable":true},"status":{"state":"open"},"by":"charge.nurse"}""";

    /// <param name="AuditAction">The audit log's action for an allowed access to the patient, checked afterwards; null when not about the patient.</param>
    public sealed record HttpRow(string Method, string Path, string? Body, string[] Who, int[] Allowed, string? AuditAction = null, int Anonymous = 401)
    {
        public override string ToString() => $"{Method} {Path}";
    }

    public static readonly HttpRow[] Http =
    [
        new("GET", "/api/patients/{P}", null, PatientReaders, [200], "patient.read"),
        new("GET", "/api/patients/{P}/history", null, PatientReaders, [200], "patient.history"),
        new("GET", "/api/patients/{P}/ecg", null, PatientReaders, [200], "patient.ecg"),
        new("GET", "/api/patients/{P}/alerts", null, PatientReaders, [200], "patient.alerts"),
        new("POST", "/api/patients/{P}/alerts/A-NONE/ack", """{"by":"dr.chen"}""", PatientReaders, [404], "alert.acknowledge"),
        new("PUT", "/api/patients/{P}/context", """{"ageYears":67,"condition":"stemi"}""", Crew, [200], "patient.context"),
        new("POST", "/api/patients/{P}/seen", """{"by":"dr.chen"}""", ReceivingEd, [200], "patient.seen"),
        new("GET", "/api/patients/{P}/fhir", null, PatientReaders, [200], "handover.record"),
        new("GET", "/api/patients/{P}/handover", null, PatientReaders, [200], "handover.status"),
        new("POST", "/api/patients/{P}/handover/resend", null, ReceivingEd, [200, 409], "handover.resend"),
        new("GET", "/api/patients/{P}/identity", null, PatientReaders, [200], "identity.read"),
        new("PUT", "/api/patients/{P}/identity", """{"hospitalId":"H-08","mrn":"MRN-0042","by":"registrar.zhou"}""", ReceivingEd, [200], "identity.link"),
        new("PUT", "/api/patients/{P}/transfer-of-care", """{"by":"dr.chen"}""", ReceivingEd, [200], "transfer-of-care"),
        new("GET", "/api/patients?region=sh", null, RegionReaders, [200]),
        new("GET", "/api/patients?hospitalId=H-08", null, HospitalPatientReaders, [200]),
        new("GET", "/api/hospitals?region=sh", null, SignedIn, [200]),
        new("GET", "/api/hospitals/H-08", null, SignedIn, [200]),
        new("PUT", "/api/hospitals/H-08/capacity", Capacity, ReceivingEd, [200]),
        new("GET", "/api/hospitals/H-08/edxl-have", null, SignedIn, [200]),
        new("GET", "/api/edxl-have?region=sh", null, SignedIn, [200]),
        new("POST", "/api/edxl-have", "<not-edxl/>", Admin, [400]),
        new("GET", "/api/ambulances?region=sh", null, RegionReaders, [200]),
        new("GET", "/api/ambulances/{U}", null, UnitReaders, [200]),
        new("PUT", "/api/ambulances/{U}/destination", """{"hospitalId":"H-08","patientId":"{P}","by":"dispatcher.wang"}""", RegionReaders, [200]),
        new("POST", "/api/dispatch/recommendations", """{"patientId":"{P}"}""", RegionReaders, [200]),
        new("POST", "/api/dispatch/recommendations", """{"lat":31.23,"lon":121.47,"condition":"stemi","region":"sh"}""", RegionReaders, [200]),
        new("GET", "/api/boards/settings", null, SignedIn, [200]),
        new("GET", "/api/auth/me", null, SignedIn, [200]),
        new("GET", "/api/users", null, Admin, [200]),
        new("GET", "/api/audit?limit=5", null, Admin, [200]),
        new("GET", "/ed/H-08", null, SignedIn, [200], Anonymous: 302),
        new("GET", "/", null, SignedIn, [200], Anonymous: 302),
        new("GET", "/health/live", null, Everyone, [200]),
        new("GET", "/health/ready", null, Everyone, [200]),
        new("GET", "/metrics", null, Everyone, [200]),
    ];

    /// <summary>A hub method with its arguments (<c>{P}</c>, <c>{U}</c> replaced) and who may call it.</summary>
    public sealed record HubRow(string Method, string[] Args, string[] Who, string? AuditAction = null)
    {
        public override string ToString() => $"{Method}({string.Join(", ", Args)})";
    }

    public static readonly HubRow[] Hub =
    [
        new("WatchRegion", ["sh"], RegionReaders),
        new("WatchPatient", ["{P}"], PatientReaders, "watch patient"),
        new("WatchHospital", ["H-08"], HospitalPatientReaders),
        new("WatchUnit", ["{U}"], UnitReaders),
        new("UnwatchRegion", ["sh"], SignedIn),
        new("UnwatchPatient", ["{P}"], SignedIn),
        new("UnwatchHospital", ["H-08"], SignedIn),
        new("UnwatchUnit", ["{U}"], SignedIn),
        new("AcknowledgeAlert", ["{P}", "A-NONE", "dr.chen"], PatientReaders, "acknowledge alert"),
        new("MarkSeen", ["{P}", "dr.chen"], ReceivingEd, "mark seen"),
    ];

    public static IEnumerable<object[]> HttpCases() =>
        from row in Enumerable.Range(0, Http.Length) from person in People select new object[] { person, row, Http[row].ToString() };

    public static IEnumerable<object[]> HubCases() =>
        from row in Enumerable.Range(0, Hub.Length) from person in People.Where(p => p != Anonymous) select new object[] { person, row, Hub[row].ToString() };
}
