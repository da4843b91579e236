using Emergency.Dashboard.Security;
using Emergency.Grains.Hospitals;
using Emergency.Grains.Patients;
using Emergency.Grains.Regions;
using Emergency.Ingest.Decoding;

namespace Emergency.Dashboard.Api;

public static class PatientApi
{
    /// <summary><c>GET /api/patients/{id}</c>, <c>GET /api/patients?region=R</c> and <c>GET /api/patients?hospitalId=H</c> (inbound).</summary>
    public static IEndpointRouteBuilder MapPatientApi(this IEndpointRouteBuilder app)
    {
        var patients = app.MapGroup("/api/patients").WithTags("patients");

        patients.MapGet("/{patientId}", async (string patientId, IGrainFactory grains) =>
        {
            if (!DeviceIds.IsValid(patientId))
            {
                return Results.Problem(statusCode: 400, title: "invalid patient id",
                    detail: "patientId: 1–64 characters of A-Z a-z 0-9 - _ .");
            }
            var state = await grains.GetGrain<IPatientGrain>(patientId).GetState();
            return state is null
                ? Results.Problem(statusCode: 404, title: "unknown patient", detail: $"no data has been received for patient {patientId}")
                : Results.Ok(PatientStateDto.From(state));
        });

        patients.MapGet("/", async (string? region, string? hospitalId, IGrainFactory grains, HttpContext http, AccessGuard guard) =>
        {
            if (hospitalId is not null)
            {
                if (!DeviceIds.IsValid(hospitalId))
                {
                    return Results.Problem(statusCode: 400, title: "invalid hospital id", detail: "hospitalId: 1–64 characters of A-Z a-z 0-9 - _ .");
                }
                var hospital = await grains.GetGrain<IHospitalGrain>(hospitalId).GetState();
                if (hospital is null) return HospitalApi.UnknownHospital(hospitalId);
                // Inbound, soonest first (the hospital's list is ordered by expected arrival), then those arrived
                // recently, latest first: each one's destination.arrivedAt tells them apart.
                var trips = hospital.Inbound.Concat(hospital.Arrived.IsDefault ? [] : hospital.Arrived);
                var listed = await Task.WhenAll(trips.Select(d => grains.GetGrain<IPatientGrain>(d.PatientId).GetState()));
                var inbound = listed.OfType<PatientSnapshot>().DistinctBy(p => p.PatientId).ToList();
                return await AuditedList(http, guard, inbound, hospitalId: hospitalId, region: null);
            }
            if (region is null)
            {
                return Results.Problem(statusCode: 400, title: "missing filter", detail: "give ?region=R or ?hospitalId=H");
            }
            if (!DeviceIds.IsValid(region))
            {
                return Results.Problem(statusCode: 400, title: "invalid region", detail: "region: 1–64 characters of A-Z a-z 0-9 - _ .");
            }
            var ids = await grains.GetGrain<IRegionGrain>(region).GetPatients();
            var states = await Task.WhenAll(ids.Select(id => grains.GetGrain<IPatientGrain>(id).GetState()));
            return await AuditedList(http, guard, [.. states.OfType<PatientSnapshot>().Where(s => s.Region == region)], hospitalId: null, region: region);
        });

        return app;
    }

    /// <summary>One audit entry per patient listed (each is a read of that patient's state), or 503 when they cannot be recorded.</summary>
    private static async Task<IResult> AuditedList(HttpContext http, AccessGuard guard, IReadOnlyList<PatientSnapshot> patients, string? hospitalId, string? region)
    {
        var user = UserAccess.From(http.User);
        var entries = patients.Select(p => guard.Entry(http, user, "patient.read",
            new AuditSubject { PatientId = p.PatientId, HospitalId = hospitalId ?? p.Destination?.HospitalId, Region = region ?? p.Region },
            "allowed", null, "GET /api/patients (list)")).ToList();
        return await guard.TryRecordAsync(entries)
            ? Results.Ok(patients.Select(PatientStateDto.From))
            : AccessControlMiddleware.AuditUnavailable();
    }
}
