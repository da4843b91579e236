using System.Globalization;
using System.Text.Json;
using Emergency.Domain.Devices;
using Emergency.Domain.Dispatch;
using Emergency.Domain.Geo;
using Emergency.Domain.Patients;
using Emergency.Domain.Scoring;
using Emergency.Dashboard.Security;
using Emergency.Grains;
using Emergency.Grains.Devices;
using Emergency.Grains.Dispatch;
using Emergency.Grains.Hospitals;
using Emergency.Grains.Patients;
using Emergency.Ingest.Decoding;

namespace Emergency.Dashboard.Api;

public static class DispatchApi
{
    /// <summary><c>POST /api/dispatch/recommendations</c> and <c>PUT /api/ambulances/{unitId}/destination</c>.</summary>
    public static IEndpointRouteBuilder MapDispatchApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/dispatch/recommendations", async (
            HttpRequest request, IGrainFactory grains, DispatchModel dispatch, RegionData regionData, AccessGuard guard,
            [FromKeyedServices(ClinicalTime.Key)] TimeProvider time) =>
        {
            var (body, error) = await Read<RecommendationRequest>(request);
            if (body is null) return error!;
            var now = time.GetUtcNow();
            PatientNeeds needs;
            string region;
            if (body.PatientId is { } patientId)
            {
                if (!DeviceIds.IsValid(patientId)) return HospitalApi.Invalid(["patientId: 1–64 characters of A-Z a-z 0-9 - _ ."]);
                var patient = await grains.GetGrain<IPatientGrain>(patientId).GetState();
                if (patient is null) return UnknownPatient(patientId);
                var position = await PositionOf(grains, patient);
                if (position is null)
                {
                    return Results.Problem(statusCode: 422, title: "patient position unknown",
                        detail: $"patient {patientId} has no known position: its source {patient.Source} has sent no GPS fix " +
                                "(only an ambulance reports one); ask by {lat, lon, condition}");
                }
                needs = PatientNeedsOf.From(patient, position.Value);
                region = patient.Region;
            }
            else
            {
                var (adHoc, errors) = body.ToNeeds();
                if (adHoc is null) return HospitalApi.Invalid(errors);
                needs = adHoc;
                region = body.Region ?? regionData.Region;
                if (!DeviceIds.IsValid(region)) return HospitalApi.Invalid(["region: 1–64 characters of A-Z a-z 0-9 - _ ."]);
            }

            // The region is known only now (from the patient or the body): only its dispatchers may rank for it.
            if (UserAccess.From(request.HttpContext.User) is { } user && !AccessRules.MayRecommend(user, region))
            {
                var subject = new AuditSubject { Region = region, PatientId = body.PatientId };
                await guard.RecordRefusalAsync(guard.Entry(request.HttpContext, user, "dispatch.recommend", subject, "refused", 403,
                    "POST /api/dispatch/recommendations"));
                return AccessControlMiddleware.Forbidden(user, "dispatch.recommend");
            }
            var hospitals = await HospitalApi.States(grains, region);
            if (hospitals.Count == 0)
            {
                return Results.Problem(statusCode: 422, title: "no hospitals", detail: $"no hospitals are known in region {region}");
            }
            // Bays soft-held for other inbound patients are not offered to this one.
            var offered = hospitals.Select(h => h.Hospital with
            {
                Capacity = ResusHoldRules.OfferedTo(h.Hospital.Capacity, h.ResusBaysHeldForOthers(needs.PatientId)),
            });
            var answer = WithHoldReasons(dispatch.Ranker.Rank(needs, offered, now), hospitals, needs.PatientId);
            if (needs.PatientId is { } id)
            {
                await grains.GetGrain<IPatientGrain>(id).RecordRecommendation(answer);
            }
            return Results.Ok(answer);
        }).WithTags("dispatch");

        app.MapPut("/api/ambulances/{unitId}/destination", async (string unitId, HttpRequest request, IGrainFactory grains) =>
        {
            if (!DeviceIds.IsValid(unitId))
            {
                return Results.Problem(statusCode: 400, title: "invalid unit id", detail: "unitId: 1–64 characters of A-Z a-z 0-9 - _ .");
            }
            var (body, error) = await Read<DestinationRequest>(request);
            if (body is null) return error!;
            var errors = body.Validate();
            if (errors.Count > 0) return HospitalApi.Invalid(errors);
            var unit = grains.GetGrain<IAmbulanceGrain>(unitId);
            if (await unit.GetState() is not { } current)
            {
                return Results.Problem(statusCode: 404, title: "unknown unit", detail: $"no data has been received from ambulance {unitId}");
            }
            if (await grains.GetGrain<IHospitalGrain>(body.HospitalId!).GetState() is null)
            {
                return HospitalApi.UnknownHospital(body.HospitalId!);
            }
            var patientId = body.PatientId ?? current.PatientId;
            if (patientId is null)
            {
                return HospitalApi.Invalid([$"patientId: required, ambulance {unitId} has no patient on board"]);
            }
            if (await grains.GetGrain<IPatientGrain>(patientId).GetState() is null) return UnknownPatient(patientId);
            var answer = await unit.SetDestination(body.HospitalId!, patientId, body.By!.Trim(), body.Reason?.Trim());
            return answer is null
                ? Results.Problem(statusCode: 404, title: "unknown unit or hospital", detail: $"ambulance {unitId} or hospital {body.HospitalId} is not known")
                : Results.Ok(AmbulanceDto.From(answer));
        }).WithTags("dispatch");

        return app;
    }

    /// <summary>Says, for each hospital with bays held for other inbound patients, how many and what it reported free.</summary>
    private static DestinationRecommendation WithHoldReasons(
        DestinationRecommendation answer, IReadOnlyList<HospitalState> hospitals, string? patientId)
    {
        var held = hospitals.ToDictionary(h => h.Hospital.HospitalId, h => (Held: h.ResusBaysHeldForOthers(patientId), h.Hospital.Capacity.ResusBaysFree));
        return answer with
        {
            Hospitals = [.. answer.Hospitals.Select(r => held.TryGetValue(r.HospitalId, out var h) && h.Held > 0
                ? r with { Reasons = [.. r.Reasons, ResusHoldReason(h.Held, h.ResusBaysFree)] }
                : r)],
        };
    }

    private static string ResusHoldReason(int held, int reportedFree) => string.Create(CultureInfo.InvariantCulture,
        $"{held} resus bay{(held == 1 ? "" : "s")} held for inbound patient{(held == 1 ? "" : "s")} (reported free: {reportedFree})");

    /// <summary>The patient's position: that of the ambulance reporting it, if that ambulance has sent a fix.</summary>
    private static async Task<GeoPoint?> PositionOf(IGrainFactory grains, PatientSnapshot patient)
    {
        if (patient.Source.Kind != DeviceKind.Ambulance) return null;
        var unit = await grains.GetGrain<IAmbulanceGrain>(patient.Source.Id).GetState();
        return unit?.Position is { } p ? new GeoPoint(p.Lat, p.Lon) : null;
    }

    private static async Task<(T? Body, IResult? Error)> Read<T>(HttpRequest request) where T : class
    {
        try
        {
            var body = await request.ReadFromJsonAsync<T>(HospitalApi.Wire);
            return body is null ? (null, HospitalApi.Invalid(["body: required"])) : (body, null);
        }
        catch (JsonException ex)
        {
            return (null, HospitalApi.Invalid([$"{HospitalApi.FieldOf(ex.Path)}: {ex.Message}"]));
        }
    }

    private static IResult UnknownPatient(string patientId) =>
        Results.Problem(statusCode: 404, title: "unknown patient", detail: $"no data has been received for patient {patientId}");
}

/// <summary>
/// Body of <c>POST /api/dispatch/recommendations</c>: <c>{"patientId"}</c>, or <c>{"lat","lon","condition","news2Risk"}</c>
/// with optional <c>region</c>, <c>ageYears</c>, <c>pregnant</c>, <c>lvoSuspected</c>, <c>traumaRedCriteria</c>.
/// </summary>
public sealed record RecommendationRequest(
    string? PatientId = null, double? Lat = null, double? Lon = null, string? Condition = null, string? News2Risk = null,
    string? Region = null, int? AgeYears = null, bool? Pregnant = null, bool? LvoSuspected = null,
    TraumaRedCriterion[]? TraumaRedCriteria = null)
{
    public (PatientNeeds? Needs, List<string> Errors) ToNeeds()
    {
        var errors = new List<string>();
        if (Lat is null && Lon is null && Condition is null)
        {
            errors.Add("give {patientId} or {lat, lon, condition, news2Risk}");
            return (null, errors);
        }
        if (Lat is not { } lat || !GeoPoint.IsValidLatitude(lat)) errors.Add($"lat: required, −90..90 (was {Lat?.ToString() ?? "missing"})");
        if (Lon is not { } lon || !GeoPoint.IsValidLongitude(lon)) errors.Add($"lon: required, −180..180 (was {Lon?.ToString() ?? "missing"})");
        if (!DispatchConditionCodes.TryParse(Condition, out var condition))
        {
            errors.Add($"condition: required, one of {DispatchConditionCodes.Codes} (was {(Condition is null ? "missing" : $"\"{Condition}\"")})");
        }
        Domain.Scoring.News2Risk? risk = null;
        if (News2Risk is not null)
        {
            if (News2RiskCode.TryParse(News2Risk, out var parsed)) risk = parsed;
            else errors.Add($"news2Risk: one of {News2RiskCode.Codes} (was \"{News2Risk}\")");
        }
        if (AgeYears is < 0 or > PatientContext.MaxAgeYears) errors.Add($"ageYears: 0–{PatientContext.MaxAgeYears} (was {AgeYears})");
        if (errors.Count > 0) return (null, errors);
        return (new PatientNeeds(new GeoPoint(Lat!.Value, Lon!.Value), condition, risk, LvoSuspected == true,
            TraumaRedCriteria, AgeYears, Pregnant == true), errors);
    }
}

/// <summary>Body of <c>PUT /api/ambulances/{unitId}/destination</c>: <c>{"hospitalId","patientId","by","reason"}</c>.</summary>
public sealed record DestinationRequest(string? HospitalId = null, string? PatientId = null, string? By = null, string? Reason = null)
{
    public const int MaxReasonLength = 200;

    public List<string> Validate()
    {
        var errors = new List<string>();
        if (HospitalId is null || !DeviceIds.IsValid(HospitalId)) errors.Add("hospitalId: required, 1–64 characters of A-Z a-z 0-9 - _ .");
        if (PatientId is not null && !DeviceIds.IsValid(PatientId)) errors.Add("patientId: 1–64 characters of A-Z a-z 0-9 - _ .");
        if (string.IsNullOrWhiteSpace(By) || By.Trim().Length > 100) errors.Add("by: who decides, 1–100 characters");
        if (Reason is { Length: > MaxReasonLength }) errors.Add($"reason: at most {MaxReasonLength} characters ({Reason.Length})");
        return errors;
    }
}
