namespace Emergency.DeviceSim.Cli;

/// <summary>Reads a credentials file: one <c>deviceId secret</c> per line; blank lines and <c>#</c> comments are skipped.</summary>
internal static class DeviceCredentials
{
    public static bool TryLoad(string path, out IReadOnlyDictionary<string, string> credentials, out string? error)
    {
        credentials = new Dictionary<string, string>();
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error = $"--credentials: cannot read {path}: {ex.Message}";
            return false;
        }
        var parsed = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2)
            {
                error = $"--credentials: {path} line {i + 1} is not \"deviceId secret\"";
                return false;
            }
            parsed[parts[0]] = parts[1];
        }
        credentials = parsed;
        error = null;
        return true;
    }
}
