namespace Emergency.Ingest.Security;

/// <summary>The registry file cannot be read or written, or a registry change is not allowed; the message says why.</summary>
public sealed class DeviceRegistryException(string message, Exception? inner = null) : Exception(message, inner);
