namespace Emergency.EndToEnd.Tests.Infrastructure;

public static class RepositoryPaths
{
    /// <summary>The folder holding Emergency.sln, found by walking up from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release: the host is taken from the same build configuration as the tests.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";

    public static string HostProjectDirectory => Path.Combine(Root, "dashboard", "Emergency.Dashboard");

    public static string HostAssembly =>
        Path.Combine(HostProjectDirectory, "bin", Configuration, "net10.0", "Emergency.Dashboard.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Emergency.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"Emergency.sln not found above {AppContext.BaseDirectory}");
    }
}
