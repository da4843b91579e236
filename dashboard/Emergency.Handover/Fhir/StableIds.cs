using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Emergency.Handover.Fhir;

/// <summary>
/// Ids that depend only on what they name, so that the same patient and version always give the same document, and
/// a resend is recognisably the same document at the receiver.
/// </summary>
public static partial class StableIds
{
    /// <summary>A name-based UUID (SHA-256 of <paramref name="name"/>, version 5 layout).</summary>
    public static string Uuid(string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("emergency:" + name));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        var hex = Convert.ToHexStringLower(hash, 0, 16);
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..32]}";
    }

    /// <summary><c>urn:uuid:</c> of <see cref="Uuid"/>: the entry's fullUrl.</summary>
    public static string Urn(string name) => "urn:uuid:" + Uuid(name);

    /// <summary>
    /// The document's id (a FHIR id: 1–64 of <c>A-Z a-z 0-9 - .</c>): <c>handover-{patientId}-{version}</c>, or a hash
    /// of the patient id in its place when the id has characters or a length FHIR ids do not allow.
    /// </summary>
    public static string DocumentId(string patientId, int version)
    {
        var key = FhirIdSafe().IsMatch(patientId) && patientId.Length <= 40 ? patientId : Uuid(patientId)[..23];
        return $"handover-{key}-{version}";
    }

    [GeneratedRegex("^[A-Za-z0-9.-]+$")]
    private static partial Regex FhirIdSafe();
}
