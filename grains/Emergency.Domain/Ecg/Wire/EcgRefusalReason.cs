namespace Emergency.Domain.Ecg.Wire;

/// <summary>Why an ECG frame was refused. The numbers are stable: devices and logs see them.</summary>
public enum EcgRefusalReason
{
    None = 0,
    ShortHeader = 1,
    BadMagic = 2,
    UnsupportedVersion = 3,
    BadLeadCount = 4,
    BadLeadId = 5,
    DuplicateLead = 6,
    BadSampleRate = 7,
    BadSamplesPerLead = 8,
    BadScale = 9,
    SampleCountMismatch = 10,
    BadCrc = 11,
    Oversize = 12,
}
