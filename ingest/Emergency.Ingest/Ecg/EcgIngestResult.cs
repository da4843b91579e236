using Emergency.Grains.Devices;

namespace Emergency.Ingest.Ecg;

/// <summary>What became of one ECG frame: a verdict, and when refused whether for its bytes (payload) or the state it met.</summary>
public readonly record struct EcgIngestResult(FrameVerdict Verdict, bool RefusedForPayload, long? Seq);
