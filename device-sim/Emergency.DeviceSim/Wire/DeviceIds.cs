using System.Buffers;

namespace Emergency.DeviceSim.Wire;

/// <summary>Identifier rules of the wire contract: 1–64 characters of <c>A-Z a-z 0-9 - _ .</c>.</summary>
internal static class DeviceIds
{
    public const int MaxLength = 64;

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.");

    public static bool IsValid(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= MaxLength && !id.AsSpan().ContainsAnyExcept(Allowed);

    /// <summary><c>AMB-01</c>, <c>AMB-02</c>, … (at least two digits).</summary>
    public static string Ambulance(int number) => $"AMB-{number:D2}";

    /// <summary><c>W-0001</c>, <c>W-0002</c>, … (at least four digits).</summary>
    public static string Wearable(int number) => $"W-{number:D4}";
}
