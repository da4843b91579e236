using System.Text.Json;
using Emergency.Domain.Hospitals;
using Emergency.Grains.Hospitals;
using Emergency.Grains.Regions;
using Emergency.Ingest.Decoding;

namespace Emergency.Dashboard.Api;

public static class HospitalApi
{
    /// <summary>The <c>X-Updated-By</c> header names the reporter when the body has no <c>by</c>.</summary>
    public const string UpdatedByHeader = "X-Updated-By";

    /// <summary>Reads request bodies as the wire contract: camelCase, every count of <c>capacity</c> required, codes only.</summary>
    internal static readonly JsonSerializerOptions Wire = new(JsonSerializerDefaults.Web)
    {
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    /// <summary><c>GET /api/hospitals?region=R</c>, <c>GET /api/hospitals/{id}</c>, <c>PUT /api/hospitals/{id}/capacity</c>.</summary>
    public static IEndpointRouteBuilder MapHospitalApi(this IEndpointRouteBuilder app)
    {
        var hospitals = app.MapGroup("/api/hospitals").WithTags("hospitals");

        hospitals.MapGet("/", async (string? region, IGrainFactory grains) =>
        {
            if (region is null)
            {
                return Results.Problem(statusCode: 400, title: "missing filter", detail: "give ?region=R");
            }
            if (!DeviceIds.IsValid(region))
            {
                return Results.Problem(statusCode: 400, title: "invalid region", detail: "region: 1–64 characters of A-Z a-z 0-9 - _ .");
            }
            var states = await States(grains, region);
            return Results.Ok(states.Select(HospitalDto.From));
        });

        hospitals.MapGet("/{hospitalId}", async (string hospitalId, IGrainFactory grains) =>
        {
            if (!DeviceIds.IsValid(hospitalId)) return InvalidId();
            var state = await grains.GetGrain<IHospitalGrain>(hospitalId).GetState();
            return state is null ? UnknownHospital(hospitalId) : Results.Ok(HospitalDto.From(state));
        });

        hospitals.MapPut("/{hospitalId}/capacity", async (string hospitalId, HttpRequest request, IGrainFactory grains) =>
        {
            if (!DeviceIds.IsValid(hospitalId)) return InvalidId();
            CapacityReportRequest? body;
            try
            {
                body = await request.ReadFromJsonAsync<CapacityReportRequest>(Wire);
            }
            catch (JsonException ex)
            {
                return Invalid([$"{FieldOf(ex.Path)}: {ex.Message}"]);
            }
            if (body is null)
            {
                return Invalid(["body: required"]);
            }
            var by = (body.By ?? request.Headers[UpdatedByHeader].ToString()).Trim();
            if (by.Length is 0 or > 100)
            {
                return Invalid([$"by: who reports, 1–100 characters (or the {UpdatedByHeader} header)"]);
            }
            var grain = grains.GetGrain<IHospitalGrain>(hospitalId);
            if (await grain.GetState() is null) return UnknownHospital(hospitalId);
            var result = await grain.ReportCapacity(body.Capacity, body.Status, by);
            return result.State is { } state ? Results.Ok(HospitalDto.From(state)) : Invalid(result.Errors);
        });

        return app;
    }

    /// <summary>Every seeded hospital of a region, by id.</summary>
    public static async Task<IReadOnlyList<HospitalState>> States(IGrainFactory grains, string region)
    {
        var ids = await grains.GetGrain<IRegionGrain>(region).GetHospitals();
        var states = await Task.WhenAll(ids.Select(id => grains.GetGrain<IHospitalGrain>(id).GetState()));
        return states.OfType<HospitalState>().Where(s => s.Hospital.Region == region).ToList();
    }

    /// <summary><c>$.capacity.resusBaysFree</c> → <c>capacity.resusBaysFree</c>; the whole body → <c>body</c>.</summary>
    internal static string FieldOf(string? path) => path is null or "$" ? "body" : path.TrimStart('$', '.');

    internal static IResult Invalid(IReadOnlyList<string> errors) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { ["errors"] = [.. errors] },
            detail: string.Join("; ", errors), title: "invalid request");

    internal static IResult UnknownHospital(string hospitalId) =>
        Results.Problem(statusCode: 404, title: "unknown hospital", detail: $"no hospital {hospitalId} is known");

    private static IResult InvalidId() =>
        Results.Problem(statusCode: 400, title: "invalid hospital id", detail: "hospitalId: 1–64 characters of A-Z a-z 0-9 - _ .");
}

/// <summary>Body of <c>PUT /api/hospitals/{id}/capacity</c>: <c>{"capacity":{…},"status":{"state","reason","until"},"by"}</c>.</summary>
public sealed record CapacityReportRequest(HospitalCapacity? Capacity, EdStatus? Status, string? By = null);
