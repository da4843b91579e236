using System.Text.RegularExpressions;

namespace Emergency.Handover.Api;

/// <summary>The id rule of the whole API: 1–64 characters of <c>A-Z a-z 0-9 - _ .</c>.</summary>
public static partial class WireIds
{
    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex Pattern();
}
