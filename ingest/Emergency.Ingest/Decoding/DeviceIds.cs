using System.Buffers;
using System.Text;

namespace Emergency.Ingest.Decoding;

/// <summary>
/// The one identifier rule of the device contract, shared by topic segments (<c>{region}</c>, <c>{unitId}</c>,
/// <c>{deviceId}</c>) and the <c>patientId</c> of frames: 1–64 characters of <c>A-Z a-z 0-9 - _ .</c>.
/// </summary>
public static class DeviceIds
{
    public const int MaxLength = 64;

    /// <summary>The rule as it appears in refusal reasons.</summary>
    public const string Rule = "1–64 of A-Z a-z 0-9 - _ .";

    private const string AllowedCharacters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";

    private static readonly SearchValues<char> Allowed = SearchValues.Create(AllowedCharacters);
    private static readonly SearchValues<byte> AllowedUtf8 = SearchValues.Create(Encoding.ASCII.GetBytes(AllowedCharacters));

    public static bool IsValid(ReadOnlySpan<char> id) =>
        id.Length is >= 1 and <= MaxLength && !id.ContainsAnyExcept(Allowed);

    /// <summary>Same rule over UTF-8 bytes; every allowed character is one ASCII byte.</summary>
    public static bool IsValid(ReadOnlySpan<byte> utf8) =>
        utf8.Length is >= 1 and <= MaxLength && !utf8.ContainsAnyExcept(AllowedUtf8);
}
