using Hl7.Fhir.Model;

namespace Emergency.Handover.Fhir;

/// <summary>
/// The entries of one patient's record as they are made: each resource gets a stable fullUrl (a name-based
/// <c>urn:uuid</c>) and id, so versions of the record name the same things the same way.
/// </summary>
public sealed class RecordEntries(string patientId)
{
    private readonly List<Bundle.EntryComponent> _entries = [];

    public string PatientId { get; } = patientId;

    public ResourceReference Patient => Reference("Patient");

    public ResourceReference Encounter => Reference("Encounter");

    public IReadOnlyList<Bundle.EntryComponent> All => _entries;

    /// <summary>The reference to the resource named <paramref name="key"/> (added now or later).</summary>
    public ResourceReference Reference(string key, string? display = null) => new(StableIds.Urn($"{PatientId}/{key}"), display);

    /// <summary>Adds <paramref name="resource"/> under <paramref name="key"/> and answers the reference to it.</summary>
    public ResourceReference Add(string key, Resource resource)
    {
        resource.Id = StableIds.Uuid($"{PatientId}/{key}");
        _entries.Add(new Bundle.EntryComponent { FullUrl = StableIds.Urn($"{PatientId}/{key}"), Resource = resource });
        return Reference(key);
    }
}
