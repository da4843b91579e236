using Emergency.Domain.Patients;
using Emergency.Grains.Patients;
using Emergency.Ingest.Decoding;

namespace Emergency.Dashboard.Api;

public static class EdSeenApi
{
    /// <summary>
    /// <c>POST /api/patients/{id}/seen</c> with <c>{"by":"dr.chen","hospitalId":"H-03"}</c>: the receiving ED has seen
    /// the patient. Answer: the patient state with <c>edSeen</c>; 400 naming the field, 404 unknown patient, 409 when
    /// the patient has no destination or the hospital is not its destination.
    /// </summary>
    public static IEndpointRouteBuilder MapEdSeenApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/patients/{patientId}/seen", async (string patientId, MarkSeenRequest? body, IGrainFactory grains) =>
        {
            if (!DeviceIds.IsValid(patientId))
            {
                return Results.Problem(statusCode: 400, title: "invalid patient id", detail: "patientId: 1–64 characters of A-Z a-z 0-9 - _ .");
            }
            // Input first: a bad request is refused the same way whatever the patient's state.
            if (EdSeenRules.NormaliseBy(body?.By, out var error) is not { } by)
            {
                return Results.Problem(statusCode: 400, title: "who has seen the patient?", detail: error);
            }
            if (body!.HospitalId is { } requested && !DeviceIds.IsValid(requested))
            {
                return Results.Problem(statusCode: 400, title: "invalid hospital id", detail: "hospitalId: 1–64 characters of A-Z a-z 0-9 - _ .");
            }
            var answer = await grains.GetGrain<IPatientGrain>(patientId).MarkSeen(by, body.HospitalId);
            return answer switch
            {
                { Status: EdSeenStatus.Ok or EdSeenStatus.AlreadySeen, State: { } state } => Results.Ok(PatientStateDto.From(state)),
                { Status: EdSeenStatus.UnknownPatient } => Results.Problem(statusCode: 404, title: "unknown patient", detail: answer.Error),
                { Status: EdSeenStatus.NoDestination } => Results.Problem(statusCode: 409, title: "no destination", detail: answer.Error),
                { Status: EdSeenStatus.NotTheDestination } => Results.Problem(statusCode: 409, title: "not the destination", detail: answer.Error),
                _ => Results.Problem(statusCode: 400, title: "cannot mark seen", detail: answer.Error),
            };
        }).WithTags("patients");
        return app;
    }
}

/// <summary>Body of <c>POST /api/patients/{id}/seen</c>; <see cref="HospitalId"/> defaults to the destination.</summary>
public sealed record MarkSeenRequest(string? By, string? HospitalId);
