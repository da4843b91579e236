namespace Emergency.Domain.Ecg.Wire;

/// <summary>
/// Offsets and limits of the binary ECG frame (docs/contract.md, "ECG frames"). All integers little-endian.
/// </summary>
public static class EcgFrameLayout
{
    /// <summary>"ECG1" in ASCII.</summary>
    public static ReadOnlySpan<byte> Magic => "ECG1"u8;

    public const byte Version = 1;

    public const int MagicOffset = 0;
    public const int VersionOffset = 4;
    public const int LeadCountOffset = 5;
    public const int SampleRateOffset = 6;
    public const int SeqOffset = 8;
    public const int StartTimeOffset = 12;
    public const int SamplesPerLeadOffset = 20;
    public const int ScaleOffset = 22;

    /// <summary>Bytes before the lead ids.</summary>
    public const int FixedHeaderBytes = 26;

    public const int CrcBytes = 4;

    public const int MaxLeads = 12;

    /// <summary>Two seconds at 500 Hz: a device sends blocks of a fraction of a second, this leaves room.</summary>
    public const int MaxSamplesPerLead = 1000;

    public const int MinSampleRateHz = 50;
    public const int MaxSampleRateHz = 2000;

    /// <summary>Largest µV per LSB accepted (an int16 then spans ±32 V: far beyond any ECG).</summary>
    public const float MaxScaleMicrovolts = 1000f;

    public const int MaxFrameBytes = FixedHeaderBytes + MaxLeads + (MaxLeads * MaxSamplesPerLead * sizeof(short)) + CrcBytes;

    /// <summary>Length of a frame with the given leads and samples.</summary>
    public static int FrameBytes(int leadCount, int samplesPerLead) =>
        FixedHeaderBytes + leadCount + (leadCount * samplesPerLead * sizeof(short)) + CrcBytes;
}
