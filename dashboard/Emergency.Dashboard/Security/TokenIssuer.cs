using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Emergency.Dashboard.Security;

/// <summary>Signs our bearer tokens (HMAC-SHA256) for local accounts; the same key validates them.</summary>
public sealed class TokenIssuer
{
    private readonly TokenOptions _options;
    private readonly TimeProvider _time;

    public TokenIssuer(TokenOptions options, SymmetricSecurityKey key, TimeProvider time)
    {
        _options = options;
        _time = time;
        Key = key;
    }

    public SymmetricSecurityKey Key { get; }

    public (string Token, DateTimeOffset ExpiresAt) Issue(UserAccess user)
    {
        var now = _time.GetUtcNow();
        var expires = now + _options.Lifetime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            Subject = new ClaimsIdentity(user.ToClaims()),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.HmacSha256),
        };
        return (new JsonWebTokenHandler().CreateToken(descriptor), expires);
    }

    /// <summary>
    /// The configured key (base64 of ≥ 32 bytes, or text of ≥ 32 bytes); in development mode without one, a random key
    /// for this process (tokens die with it). Without one in production the host refuses to start.
    /// </summary>
    public static SymmetricSecurityKey KeyFrom(TokenOptions options, bool development)
    {
        if (string.IsNullOrWhiteSpace(options.SigningKey))
        {
            if (development) return new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32));
            throw new InvalidOperationException(
                "Security:Tokens:SigningKey is not set. Set it (at least 32 bytes, e.g. `openssl rand -base64 32`) through the " +
                "environment (Security__Tokens__SigningKey) or a secret store; or run with --demo for development mode.");
        }
        var bytes = TryBase64(options.SigningKey) ?? Encoding.UTF8.GetBytes(options.SigningKey);
        if (bytes.Length < 32)
        {
            throw new InvalidOperationException($"Security:Tokens:SigningKey is {bytes.Length} bytes; it must be at least 32 bytes.");
        }
        return new SymmetricSecurityKey(bytes);
    }

    private static byte[]? TryBase64(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var written) && written >= 32 ? buffer[..written] : null;
    }
}
