using Microsoft.Extensions.Configuration;

namespace Emergency.Ingest.Hosting;

/// <summary>Where the service keeps its files: <c>Data:Directory</c>, default <c>data</c> under the working directory.</summary>
public static class DataPaths
{
    public static string Root(IConfiguration configuration) =>
        Path.GetFullPath(configuration["Data:Directory"] is { Length: > 0 } configured ? configured : "data");
}
