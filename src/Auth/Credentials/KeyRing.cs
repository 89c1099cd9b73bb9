using System.Security.Cryptography;
using System.Text;

namespace Citadel.Auth.Credentials;

/// <summary>Which configured key a credential matched.</summary>
public enum KeyKind
{
    /// <summary>None matched.</summary>
    None,

    /// <summary><c>service.api_key</c> or <c>service.alt_api_key</c>: full access.</summary>
    Manage,

    /// <summary><c>service.read_only_api_key</c>: global read.</summary>
    ReadOnly,
}

/// <summary>
/// The configured API keys. Comparison is constant-time: both sides are hashed to 32 bytes first, so neither the
/// content nor the length of a key leaks through timing. Empty keys count as unset.
/// </summary>
public sealed class KeyRing
{
    private readonly byte[]? _apiKey;
    private readonly byte[]? _altApiKey;
    private readonly byte[]? _readOnlyKey;

    public KeyRing(string? apiKey, string? altApiKey, string? readOnlyApiKey)
    {
        ApiKey = string.IsNullOrEmpty(apiKey) ? null : apiKey;
        AltApiKey = string.IsNullOrEmpty(altApiKey) ? null : altApiKey;
        _apiKey = Digest(ApiKey);
        _altApiKey = Digest(AltApiKey);
        _readOnlyKey = Digest(string.IsNullOrEmpty(readOnlyApiKey) ? null : readOnlyApiKey);
    }

    /// <summary>True when any key is configured, i.e. authentication is on.</summary>
    public bool Enabled => _apiKey is not null || _altApiKey is not null || _readOnlyKey is not null;

    /// <summary>The admin key (also a JWT secret), or null.</summary>
    public string? ApiKey { get; }

    /// <summary>The second admin key (also a JWT secret), or null.</summary>
    public string? AltApiKey { get; }

    /// <summary>Matches a credential against the configured keys.</summary>
    public KeyKind Match(string credential)
    {
        Span<byte> digest = stackalloc byte[32];
        Hash(credential, digest);
        // Evaluate every comparison so the time taken does not depend on which key (if any) matched.
        var manage = Equal(digest, _apiKey) | Equal(digest, _altApiKey);
        var readOnly = Equal(digest, _readOnlyKey);
        return manage ? KeyKind.Manage : readOnly ? KeyKind.ReadOnly : KeyKind.None;
    }

    /// <summary>A SHA-256 fingerprint of a configured key (never the key itself), for operators and the cluster.</summary>
    public static string Fingerprint(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16];

    private static bool Equal(ReadOnlySpan<byte> digest, byte[]? key) => key is not null && CryptographicOperations.FixedTimeEquals(digest, key);

    private static byte[]? Digest(string? key)
    {
        if (key is null)
        {
            return null;
        }

        var digest = new byte[32];
        Hash(key, digest);
        return digest;
    }

    private static void Hash(string value, Span<byte> destination)
    {
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        var buffer = max <= 1024 ? stackalloc byte[max] : new byte[max];
        var n = Encoding.UTF8.GetBytes(value, buffer);
        SHA256.HashData(buffer[..n], destination);
    }
}
