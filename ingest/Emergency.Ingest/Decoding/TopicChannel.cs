namespace Emergency.Ingest.Decoding;

/// <summary>The last segment of a device topic: what the payload carries.</summary>
public enum TopicChannel : byte
{
    Vitals = 0,
    Position = 1,
    Status = 2,
    Context = 3,
    /// <summary>Binary ECG frames (ambulance monitors only).</summary>
    Ecg = 4,
}
