using Emergency.Domain.Alerts;
using Emergency.Domain.Patients;
using Emergency.Grains.Patients;
using Emergency.Ingest.Decoding;

namespace Emergency.Dashboard.Api;

public static class AlertApi
{
    /// <summary>
    /// <c>PUT /api/patients/{id}/context</c>, <c>GET /api/patients/{id}/alerts</c>,
    /// <c>POST /api/patients/{id}/alerts/{alertId}/ack</c> with <c>{"by":"dr.chen"}</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapAlertApi(this IEndpointRouteBuilder app)
    {
        var patient = app.MapGroup("/api/patients/{patientId}");

        patient.MapPut("/context", async (string patientId, PatientContextInput body, IGrainFactory grains) =>
        {
            if (!DeviceIds.IsValid(patientId)) return InvalidId();
            var (context, errors) = body.ToContext();
            if (context is null)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["context"] = [.. errors] },
                    detail: string.Join("; ", errors), title: "invalid patient context");
            }
            var state = await grains.GetGrain<IPatientGrain>(patientId).SetContext(context);
            return Results.Ok(PatientStateDto.From(state));
        });

        patient.MapGet("/alerts", async (string patientId, IGrainFactory grains) =>
        {
            if (!DeviceIds.IsValid(patientId)) return InvalidId();
            var grain = grains.GetGrain<IPatientGrain>(patientId);
            if (await grain.GetState() is null) return UnknownPatient(patientId);
            var alerts = await grain.GetAlerts();
            return Results.Ok(new { open = alerts.Open.Select(AlertDto.From), history = alerts.History.Select(AlertDto.From) });
        });

        patient.MapPost("/alerts/{alertId}/ack", async (string patientId, string alertId, AcknowledgeRequest? body, IGrainFactory grains) =>
        {
            if (!DeviceIds.IsValid(patientId)) return InvalidId();
            if (string.IsNullOrWhiteSpace(body?.By) || body.By.Length > 100)
            {
                return Results.Problem(statusCode: 400, title: "who acknowledges?", detail: "by: the name of the person acknowledging, 1–100 characters");
            }
            var grain = grains.GetGrain<IPatientGrain>(patientId);
            if (await grain.GetState() is null) return UnknownPatient(patientId);
            return Answer(await grain.AcknowledgeAlert(alertId, body.By.Trim()));
        });

        return app;
    }

    /// <summary>The acknowledged alert (also when it already was: acknowledging is idempotent), or why not.</summary>
    private static IResult Answer(AlertAcknowledgement ack) => ack switch
    {
        { Status: AlertCommandStatus.Ok or AlertCommandStatus.AlreadyAcknowledged, Alert: { } alert } => Results.Ok(AlertDto.From(alert)),
        { Status: AlertCommandStatus.UnknownAlert } => Results.Problem(statusCode: 404, title: "unknown alert", detail: ack.Error),
        { Status: AlertCommandStatus.AlreadyCleared } => Results.Problem(statusCode: 409, title: "alert already cleared", detail: ack.Error),
        _ => Results.Problem(statusCode: 400, title: "cannot acknowledge", detail: ack.Error),
    };

    private static IResult InvalidId() =>
        Results.Problem(statusCode: 400, title: "invalid patient id", detail: "patientId: 1–64 characters of A-Z a-z 0-9 - _ .");

    private static IResult UnknownPatient(string patientId) =>
        Results.Problem(statusCode: 404, title: "unknown patient", detail: $"no data has been received for patient {patientId}");
}

public sealed record AcknowledgeRequest(string? By);
