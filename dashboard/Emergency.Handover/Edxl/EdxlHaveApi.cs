using Emergency.Domain.Hospitals;
using Emergency.Grains.Hospitals;
using Emergency.Grains.Regions;
using Emergency.Handover.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Emergency.Handover.Edxl;

public static class EdxlHaveApi
{
    /// <summary>Header (or <c>?by=</c>) naming who imports; default <c>edxl-have import</c>.</summary>
    public const string UpdatedByHeader = "X-Updated-By";

    /// <summary>
    /// <c>GET /api/hospitals/{id}/edxl-have</c>, <c>GET /api/edxl-have?region=R</c> (export, <c>application/xml</c>) and
    /// <c>POST /api/edxl-have</c> (import: all or nothing; 400 naming each bad element).
    /// </summary>
    public static IEndpointRouteBuilder MapEdxlHaveRoutes(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/hospitals/{hospitalId}/edxl-have", async (string hospitalId, IGrainFactory grains) =>
        {
            if (!WireIds.IsValid(hospitalId)) return Results.Problem(statusCode: 400, title: "invalid hospital id", detail: "hospitalId: 1–64 characters of A-Z a-z 0-9 - _ .");
            var state = await grains.GetGrain<IHospitalGrain>(hospitalId).GetState();
            return state is null
                ? Results.Problem(statusCode: 404, title: "unknown hospital", detail: $"no hospital {hospitalId} is known")
                : Results.Text(EdxlHaveWriter.ToXml(EdxlHaveWriter.Write([state])), EdxlHave.MediaType);
        });

        app.MapGet("/api/edxl-have", async (string? region, IGrainFactory grains) =>
        {
            if (!WireIds.IsValid(region)) return Results.Problem(statusCode: 400, title: "invalid region", detail: "give ?region=R: 1–64 characters of A-Z a-z 0-9 - _ .");
            var ids = await grains.GetGrain<IRegionGrain>(region!).GetHospitals();
            var states = await Task.WhenAll(ids.Order(StringComparer.Ordinal).Select(id => grains.GetGrain<IHospitalGrain>(id).GetState()));
            return Results.Text(EdxlHaveWriter.ToXml(EdxlHaveWriter.Write(states.OfType<HospitalState>())), EdxlHave.MediaType);
        });

        app.MapPost("/api/edxl-have", async (HttpRequest request, string? by, IGrainFactory grains) =>
        {
            using var reader = new StreamReader(request.Body);
            var result = EdxlHaveReader.Read(await reader.ReadToEndAsync());
            if (result.Errors.Count > 0) return HandoverApi.Invalid(result.Errors);
            var reporter = (by ?? request.Headers[UpdatedByHeader].ToString()).Trim() is { Length: > 0 and <= 100 } named ? named : "edxl-have import";

            // Check everything first: nothing is applied from a document with any error.
            var errors = new List<string>();
            var planned = new List<(IHospitalGrain Grain, HospitalCapacity Capacity, EdStatus Status)>();
            foreach (var report in result.Hospitals)
            {
                var grain = grains.GetGrain<IHospitalGrain>(report.HospitalId);
                if (await grain.GetState() is not { } current)
                {
                    errors.Add($"{report.Path}/Organization/OrganizationInformation/OrganizationID: no hospital {report.HospitalId} is known");
                    continue;
                }
                var capacity = report.Over(current.Hospital.Capacity);
                var status = report.Over(current.Hospital.Status);
                var problems = CapacityValidator.Validate(capacity, status, DateTimeOffset.UtcNow);
                errors.AddRange(problems.Select(p => Located(report, p)));
                planned.Add((grain, capacity, status));
            }
            if (errors.Count > 0) return HandoverApi.Invalid(errors);
            var applied = new List<string>();
            foreach (var (grain, capacity, status) in planned)
            {
                var answer = await grain.ReportCapacity(capacity, status, reporter);
                if (answer.State is { } state) applied.Add(state.Hospital.HospitalId);
            }
            return Results.Ok(new { applied, by = reporter });
        });

        return app;
    }

    /// <summary><c>capacity.edBedsFree (9) exceeds …</c> → the same message, prefixed with the element it came from.</summary>
    private static string Located(HaveHospitalReport report, string problem)
    {
        var field = problem.Split([' ', ':'], 2)[0];
        var name = field.Contains('.') ? field[(field.IndexOf('.') + 1)..] : field;
        return $"{report.PathOf(name)}: {problem}";
    }
}
