namespace Emergency.Benchmarks.Load;

/// <summary>Where the built host is, found from the harness's own binaries (same configuration).</summary>
public static class RepositoryLayout
{
    public static string Root { get; } = FindRoot();

    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}") ? "Debug" : "Release";

    public static string HostProjectDirectory => Path.Combine(Root, "dashboard", "Emergency.Dashboard");

    public static string HostAssembly => Path.Combine(HostProjectDirectory, "bin", Configuration, "net10.0", "Emergency.Dashboard.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Emergency.sln"))) return dir.FullName;
        }
        return Directory.GetCurrentDirectory();
    }
}
