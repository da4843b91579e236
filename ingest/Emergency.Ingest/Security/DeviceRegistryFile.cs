using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Emergency.Ingest.Decoding;

namespace Emergency.Ingest.Security;

/// <summary>
/// The registry on disk: <c>{"devices":[…]}</c> in one JSON file. Written whole to a temporary file that is then
/// renamed over the old one, so a reader (the running host) sees either the old or the new registry, never half of
/// one. Changes take an exclusive lock file, so two commands at once cannot lose each other's change.
/// </summary>
public static class DeviceRegistryFile
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // base64 stays readable; the file is never embedded in HTML
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    /// <summary>The devices in the file; an empty list when the file does not exist.</summary>
    /// <exception cref="DeviceRegistryException">The file cannot be read or is not a valid registry (every problem named).</exception>
    public static IReadOnlyList<DeviceRecord> Load(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }
        RegistryDocument? document;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            document = JsonSerializer.Deserialize<RegistryDocument>(stream, Json);
        }
        catch (JsonException ex)
        {
            throw new DeviceRegistryException($"device registry {path} is not valid: {ex.Message}", ex);
        }
        catch (IOException ex)
        {
            throw new DeviceRegistryException($"device registry {path} cannot be read: {ex.Message}", ex);
        }
        var devices = document?.Devices ?? [];
        var problems = Validate(devices);
        if (problems.Count > 0)
        {
            throw new DeviceRegistryException($"device registry {path} is not valid: {string.Join("; ", problems)}");
        }
        return devices;
    }

    /// <summary>Reads the registry, applies <paramref name="change"/> and writes the result atomically, under the lock.</summary>
    /// <exception cref="DeviceRegistryException">The change was refused, or the file could not be read or written.</exception>
    public static void Update(string path, Func<IReadOnlyList<DeviceRecord>, IReadOnlyList<DeviceRecord>> change)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        using var _ = AcquireLock(path);
        var updated = change(Load(path));
        var problems = Validate(updated);
        if (problems.Count > 0)
        {
            throw new DeviceRegistryException(string.Join("; ", problems));
        }
        Write(path, updated);
    }

    private static void Write(string path, IReadOnlyList<DeviceRecord> devices)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                if (!OperatingSystem.IsWindows())
                {
                    // Only hashes are inside, but there is no reason for anyone else to read them.
                    File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }
                JsonSerializer.Serialize(stream, new RegistryDocument { Devices = devices.ToList() }, Json);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            throw new DeviceRegistryException($"device registry {path} cannot be written: {ex.Message}", ex);
        }
    }

    private static FileStream AcquireLock(string path)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            try
            {
                return new FileStream(path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(50); // another change is being written
            }
            catch (IOException ex)
            {
                throw new DeviceRegistryException($"device registry {path} is locked by another change: {ex.Message}", ex);
            }
        }
    }

    /// <summary>Every problem with a list of devices, in words fit for an operator; empty when it is valid.</summary>
    public static IReadOnlyList<string> Validate(IReadOnlyList<DeviceRecord> devices)
    {
        var problems = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < devices.Count; i++)
        {
            var d = devices[i];
            var name = d?.Id is { Length: > 0 } id ? $"device '{id}'" : $"device #{i + 1}";
            if (d is null)
            {
                problems.Add($"{name} is empty");
                continue;
            }
            if (d.Id is null || !DeviceIds.IsValid(d.Id)) problems.Add($"{name}: id must be {DeviceIds.Rule}");
            else if (!seen.Add(d.Id)) problems.Add($"{name} is listed twice");
            if (d.Region is null || !DeviceIds.IsValid(d.Region)) problems.Add($"{name}: region must be {DeviceIds.Rule}");
            if (!Enum.IsDefined(d.Kind)) problems.Add($"{name}: kind must be ambulance or wearable");
            if (d.SecretHash is null || !DeviceSecret.IsWellFormed(d.SecretHash)) problems.Add($"{name}: secretHash is not a hash this service wrote");
            if (d.CertificateThumbprint is { } t && !CertificateThumbprints.IsValid(t))
                problems.Add($"{name}: certificateThumbprint must be 64 hex digits (SHA-256)");
        }
        return problems;
    }

    private sealed class RegistryDocument
    {
        public List<DeviceRecord> Devices { get; init; } = [];
    }
}
