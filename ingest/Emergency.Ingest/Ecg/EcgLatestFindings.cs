using System.Collections.Concurrent;
using Emergency.Domain.Ecg.Analysis;

namespace Emergency.Ingest.Ecg;

/// <summary>The newest analysis of each patient's live ECG (rate, ST per lead, flags), for the API and the strip.</summary>
public sealed class EcgLatestFindings
{
    private readonly ConcurrentDictionary<string, EcgFindings> _latest = new(StringComparer.Ordinal);

    public event Action<string, EcgFindings>? Updated;

    public EcgFindings? Get(string patientId) => _latest.GetValueOrDefault(patientId);

    public void Set(string patientId, EcgFindings findings)
    {
        _latest[patientId] = findings;
        Updated?.Invoke(patientId, findings);
    }
}
