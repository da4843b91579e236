using Emergency.Grains.Clustering;

namespace Emergency.Dashboard.Cluster;

/// <summary>
/// <c>dotnet run --project dashboard/Emergency.Dashboard -- cluster setup --connection "Host=…;Database=…;Username=…;Password=…"
/// --scripts DIR</c>: creates Orleans' membership and grain-state tables in PostgreSQL; safe to run again.
/// The connection defaults to <c>Cluster:ConnectionString</c>, the scripts folder to <c>Cluster:SqlScripts</c>.
/// </summary>
public static class ClusterCommand
{
    public static bool Matches(string[] args) => args.Length > 0 && args[0] == "cluster";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        var connection = Option(args, "--connection") ?? configuration["Cluster:ConnectionString"];
        var scripts = Option(args, "--scripts") ?? configuration["Cluster:SqlScripts"];
        if (args.ElementAtOrDefault(1) != "setup" || string.IsNullOrWhiteSpace(connection) || string.IsNullOrWhiteSpace(scripts))
        {
            error.WriteLine("""
                usage: cluster setup --connection "Host=H;Port=P;Database=D;Username=U;Password=W" --scripts DIR
                (DIR holds Orleans' PostgreSQL-Main.sql, PostgreSQL-Clustering.sql, PostgreSQL-Persistence.sql: scripts/orleans-sql.sh DIR)
                """);
            return 2;
        }
        try
        {
            foreach (var line in await new ClusterSchema(connection, scripts).ApplyAsync())
            {
                output.WriteLine(line);
            }
            return 0;
        }
        catch (Exception ex) when (ex is FileNotFoundException or InvalidOperationException or Npgsql.NpgsqlException or ArgumentException)
        {
            error.WriteLine($"cluster setup failed: {ex.Message}");
            return 1;
        }
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
