using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Citadel.Bench;

/// <summary>HS256 tokens minted by hand, as a client holding the admin key would.</summary>
internal static class BenchJwt
{
    public static string Mint(string key, object payload)
    {
        static string B64(byte[] b) => Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var signed = $"{B64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"u8.ToArray())}.{B64(JsonSerializer.SerializeToUtf8Bytes(payload))}";
        return $"{signed}.{B64(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.ASCII.GetBytes(signed)))}";
    }
}
