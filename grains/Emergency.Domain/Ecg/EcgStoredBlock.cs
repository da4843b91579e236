using Emergency.Domain.Ecg.Wire;

namespace Emergency.Domain.Ecg;

/// <summary>An accepted block with the device that sent it (seq numbers are per device).</summary>
public sealed record EcgStoredBlock(string DeviceId, EcgBlock Block);
