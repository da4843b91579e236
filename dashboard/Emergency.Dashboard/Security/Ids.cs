using Emergency.Ingest.Decoding;

namespace Emergency.Dashboard.Security;

/// <summary>Ids as the contract spells them (1–64 characters of <c>A-Z a-z 0-9 - _ .</c>).</summary>
internal static class Ids
{
    public static bool IsValid(string? id) => id is not null && DeviceIds.IsValid(id);
}
