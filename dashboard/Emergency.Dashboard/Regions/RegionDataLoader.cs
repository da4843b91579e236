using Emergency.Domain.Dispatch;
using Emergency.Grains;
using Emergency.Grains.Dispatch;
using Emergency.Grains.Hospitals;
using Emergency.Grains.Regions;

namespace Emergency.Dashboard.Regions;

/// <summary>
/// Loads the region file (<c>Regions:File</c>, default <c>regions/sh.demo.json</c> under the content root) at
/// start-up and seeds each hospital's grain and the region's hospital directory. A file that does not validate stops
/// the start with every problem listed, as does a <c>Dispatch</c> setting the ranking cannot use (resolved here, so
/// it fails at start rather than on the first request). Demonstration data is logged as such.
/// </summary>
public sealed class RegionDataLoader(
    RegionData region,
    DispatchModel dispatch,
    IGrainFactory grains,
    [FromKeyedServices(ClinicalTime.Key)] TimeProvider time,
    ILogger<RegionDataLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (region.Demonstration)
        {
            logger.LogWarning("Region {Region} ({Name}) from {Source} is DEMONSTRATION DATA, not real hospitals: {Note}",
                region.Region, region.Name, region.Source, region.Note ?? "fictional");
        }
        var directory = grains.GetGrain<IRegionGrain>(region.Region);
        foreach (var hospital in region.ToHospitals(time.GetUtcNow()))
        {
            await grains.GetGrain<IHospitalGrain>(hospital.HospitalId).Seed(hospital);
            await directory.AddHospital(hospital.HospitalId);
        }
        logger.LogInformation("Region {Region}: {Hospitals} hospitals loaded from {Source}; ETAs and quoted times in {TimeZone}",
            region.Region, region.Hospitals.Count, region.Source, dispatch.TimeZone.Id);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public static class RegionDataExtensions
{
    public const string FileKey = "Regions:File";
    public const string DefaultFile = "regions/sh.demo.json";

    /// <summary>
    /// The region file and its loader. The dispatch time zone defaults to the file's <c>timeZone</c>. Register after
    /// the silo: the loader needs grains.
    /// </summary>
    public static IHostApplicationBuilder AddRegionData(this IHostApplicationBuilder builder)
    {
        var path = Path.Combine(builder.Environment.ContentRootPath, builder.Configuration[FileKey] ?? DefaultFile);
        builder.Services.AddSingleton(sp =>
        {
            try
            {
                return RegionFile.Load(path);
            }
            catch (RegionFileException ex)
            {
                sp.GetRequiredService<ILogger<RegionDataLoader>>().LogCritical("Region file {Path} refused: {Problems}", path, ex.Message);
                throw;
            }
        });
        builder.Services.AddOptions<DispatchOptions>()
            .PostConfigure<RegionData>((options, region) => options.TimeZone ??= region.TimeZone?.Id);
        builder.Services.AddHostedService<RegionDataLoader>();
        return builder;
    }
}
