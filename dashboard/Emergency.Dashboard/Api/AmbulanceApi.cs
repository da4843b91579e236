using Emergency.Grains.Devices;
using Emergency.Grains.Regions;
using Emergency.Ingest.Decoding;

namespace Emergency.Dashboard.Api;

public static class AmbulanceApi
{
    /// <summary><c>GET /api/ambulances?region=R</c> and <c>GET /api/ambulances/{unitId}</c>: position, status, patient, destination.</summary>
    public static IEndpointRouteBuilder MapAmbulanceApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/ambulances", async (string? region, IGrainFactory grains) =>
        {
            if (region is null || !DeviceIds.IsValid(region))
            {
                return Results.Problem(statusCode: 400, title: "invalid region", detail: "give ?region=R: 1–64 characters of A-Z a-z 0-9 - _ .");
            }
            var units = await grains.GetGrain<IRegionGrain>(region).GetAmbulances();
            var states = await Task.WhenAll(units.Select(id => grains.GetGrain<IAmbulanceGrain>(id).GetState()));
            return Results.Ok(states.OfType<AmbulanceSnapshot>().Where(a => a.Region == region).Select(AmbulanceDto.From));
        });

        app.MapGet("/api/ambulances/{unitId}", async (string unitId, IGrainFactory grains) =>
        {
            if (!DeviceIds.IsValid(unitId))
            {
                return Results.Problem(statusCode: 400, title: "invalid unit id", detail: "unitId: 1–64 characters of A-Z a-z 0-9 - _ .");
            }
            return await grains.GetGrain<IAmbulanceGrain>(unitId).GetState() is { } state
                ? Results.Ok(AmbulanceDto.From(state))
                : Results.Problem(statusCode: 404, title: "unknown ambulance", detail: $"nothing has been received from unit {unitId}");
        });
        return app;
    }
}
