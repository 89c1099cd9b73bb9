using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Citadel.Tests.Shared;

/// <summary>Mints JWTs for tests, including deliberately bad ones.</summary>
internal static class Tokens
{
    public static string Hs256(string secret, object payload, string alg = "HS256") => Sign(secret, Header(alg), payload);

    public static string None(object payload) => $"{B64(Header("none"))}.{B64(JsonSerializer.SerializeToUtf8Bytes(payload))}.";

    public static string Rs256(RSA key, object payload)
    {
        var signed = $"{B64(Header("RS256"))}.{B64(JsonSerializer.SerializeToUtf8Bytes(payload))}";
        var sig = key.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signed}.{B64(sig)}";
    }

    public static long Exp(DateTimeOffset at) => at.ToUnixTimeSeconds();

    private static string Sign(string secret, byte[] header, object payload)
    {
        var signed = $"{B64(header)}.{B64(JsonSerializer.SerializeToUtf8Bytes(payload))}";
        var sig = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(signed));
        return $"{signed}.{B64(sig)}";
    }

    private static byte[] Header(string alg) => JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["alg"] = alg, ["typ"] = "JWT" });

    private static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
