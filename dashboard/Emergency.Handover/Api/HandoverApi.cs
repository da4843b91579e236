using Emergency.Grains;
using Emergency.Grains.Patients;
using Emergency.Handover.Delivery;
using Emergency.Handover.Fhir;
using Emergency.Handover.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Emergency.Handover.Api;

public static class HandoverApi
{
    /// <summary>
    /// <c>GET /api/patients/{id}/fhir</c> (the record now, <c>application/fhir+json</c>), <c>GET …/handover</c> (delivery
    /// status), <c>POST …/handover/resend</c>, <c>PUT …/identity</c>, <c>GET …/identity</c>, <c>PUT …/transfer-of-care</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapHandoverRoutes(this IEndpointRouteBuilder app)
    {
        var patients = app.MapGroup("/api/patients/{patientId}").WithTags("handover");

        patients.MapGet("/fhir", async (string patientId, HandoverRecordSource source,
            [FromKeyedServices(ClinicalTime.Key)] TimeProvider time) =>
        {
            if (!WireIds.IsValid(patientId)) return InvalidId();
            if (await source.Gather(patientId, 0, time.GetUtcNow()) is not { } input) return UnknownPatient(patientId);
            return Results.Text(FhirJson.Serialize(BundleBuilder.Build(input), pretty: true), FhirJson.MediaType);
        });

        patients.MapGet("/handover", async (string patientId, IGrainFactory grains) =>
        {
            if (!WireIds.IsValid(patientId)) return InvalidId();
            if (await grains.GetGrain<IPatientGrain>(patientId).GetState() is null) return UnknownPatient(patientId);
            return Results.Ok(HandoverStatusDto.From(await grains.GetGrain<IHandoverGrain>(patientId).GetStatus()));
        });

        patients.MapPost("/handover/resend", async (string patientId, HandoverDispatcher dispatcher, CancellationToken cancellationToken) =>
        {
            if (!WireIds.IsValid(patientId)) return InvalidId();
            return await dispatcher.Resend(patientId, cancellationToken) is { } status
                ? Results.Ok(HandoverStatusDto.From(status))
                : Results.Problem(statusCode: 409, title: "nothing to resend", detail: $"no handover record was made for patient {patientId} yet");
        });

        patients.MapPut("/identity", async (string patientId, IdentityRequest body, IGrainFactory grains, HandoverDispatcher dispatcher,
            [FromKeyedServices(ClinicalTime.Key)] TimeProvider time) =>
        {
            if (!WireIds.IsValid(patientId)) return InvalidId();
            var now = time.GetUtcNow();
            if (body.Validate(now) is { Count: > 0 } errors) return Invalid(errors);
            if (await grains.GetGrain<IPatientGrain>(patientId).GetState() is null) return UnknownPatient(patientId);
            var link = new IdentityLink(body.HospitalId!, body.Mrn!.Trim(), body.MrnSystem ?? IdentityLink.DefaultMrnSystem(body.HospitalId!),
                body.Family?.Trim(), body.Given?.Trim(), body.BirthDate, body.By!.Trim(), now);
            var audit = await grains.GetGrain<IHandoverGrain>(patientId).LinkIdentity(link);
            dispatcher.Request(patientId, HandoverTrigger.Identity);
            return Results.Ok(new { patientId, identity = link, audit });
        });

        patients.MapGet("/identity", async (string patientId, IGrainFactory grains) =>
        {
            if (!WireIds.IsValid(patientId)) return InvalidId();
            var grain = grains.GetGrain<IHandoverGrain>(patientId);
            return Results.Ok(new { patientId, identity = await grain.GetIdentity(), audit = await grain.GetIdentityAudit() });
        });

        patients.MapPut("/transfer-of-care", async (string patientId, TransferOfCareRequest body, IGrainFactory grains,
            HandoverDispatcher dispatcher, [FromKeyedServices(ClinicalTime.Key)] TimeProvider time) =>
        {
            if (!WireIds.IsValid(patientId)) return InvalidId();
            if (string.IsNullOrWhiteSpace(body.By) || body.By.Trim().Length > 100) return Invalid(["by: who records the handover, 1–100 characters"]);
            if (await grains.GetGrain<IPatientGrain>(patientId).GetState() is null) return UnknownPatient(patientId);
            var transfer = await grains.GetGrain<IHandoverGrain>(patientId).RecordTransferOfCare(body.By.Trim(), time.GetUtcNow());
            dispatcher.Request(patientId, HandoverTrigger.TransferOfCare);
            return Results.Ok(new { patientId, transferOfCareAt = transfer.At, by = transfer.By });
        });

        return app;
    }

    internal static IResult Invalid(IReadOnlyList<string> errors) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { ["errors"] = [.. errors] },
            detail: string.Join("; ", errors), title: "invalid request");

    private static IResult InvalidId() =>
        Results.Problem(statusCode: 400, title: "invalid patient id", detail: "patientId: 1–64 characters of A-Z a-z 0-9 - _ .");

    private static IResult UnknownPatient(string patientId) =>
        Results.Problem(statusCode: 404, title: "unknown patient", detail: $"no data has been received for patient {patientId}");
}
