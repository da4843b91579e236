using Emergency.Domain.Ecg.Wire;

namespace Emergency.Ingest.Ecg;

/// <summary>
/// Told of every ECG block once it is durable (live push, analysis). Called on the ingest path: must not block;
/// hand the block on and return.
/// </summary>
public interface IEcgBlockListener
{
    void OnBlock(string region, string patientId, string deviceId, EcgBlock block);
}
