namespace Emergency.Ingest.Security;

/// <summary>
/// Section <c>Security:Devices</c> (environment <c>Security__Devices__…</c>), plus <c>Security:Development</c>.
/// </summary>
public sealed class DeviceSecurityOptions
{
    public const string Section = "Security:Devices";
    public const string DevelopmentKey = "Security:Development";

    /// <summary>The registry file; default <c>{Data:Directory}/devices.json</c>.</summary>
    public string? RegistryFile { get; set; }

    /// <summary>Long-run frames per second one device may publish (a 12-lead monitor plus vitals stays well below).</summary>
    public double MaxFramesPerSecond { get; set; } = 50;

    /// <summary>Frames a device may publish at once above the rate (store-and-forward replay after a dead zone).</summary>
    public int Burst { get; set; } = 200;

    /// <summary>How often the registry file is checked for changes, besides file-change notifications.</summary>
    public TimeSpan ReloadInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// <c>Security:Development</c>: clients the registry does not know are accepted (counted, warned once each),
    /// without topic ACLs or rate limits. Off by default; <c>--demo</c> turns it on.
    /// </summary>
    public bool Development { get; set; }
}
