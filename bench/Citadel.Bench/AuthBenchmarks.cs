using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Citadel.Auth;
using Citadel.Auth.Access;
using Citadel.Auth.Credentials;

namespace Citadel.Bench;

/// <summary>
/// Credential → access decision, the work every request does before it reaches a handler. Target: 0 bytes allocated
/// on the API-key and cached-JWT paths.
/// </summary>
[MemoryDiagnoser]
public class AuthBenchmarks
{
    private const string ApiKey = "benchmark-admin-key-0123456789abcdef0123";
    private Authenticator _auth = null!;
    private string _token = string.Empty;
    private int _counter;

    [GlobalSetup]
    public void Setup()
    {
        _auth = new Authenticator(new KeyRing(ApiKey, null, "read-only-key"), jwtRbac: true, valueExists: null, TimeProvider.System);
        _token = Mint(new { access = new[] { new { collection = "docs", access = "rw" } }, exp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds() });
        _ = _auth.AuthenticateAsync(_token, default).AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true)]
    public bool ApiKeyDecision()
    {
        var outcome = Complete(_auth.AuthenticateAsync(ApiKey, default));
        return AccessChecker.Check(outcome.Access!, Requirement.CollectionWrite, "docs") is null;
    }

    [Benchmark]
    public bool CachedJwtDecision()
    {
        var outcome = Complete(_auth.AuthenticateAsync(_token, default));
        return AccessChecker.Check(outcome.Access!, Requirement.CollectionWrite, "docs") is null;
    }

    [Benchmark]
    public bool UncachedJwtDecision()
    {
        // A fresh token each time: full signature check and claims parsing.
        var token = Mint(new { access = "r", n = _counter++ });
        var outcome = Complete(_auth.AuthenticateAsync(token, default));
        return AccessChecker.Check(outcome.Access!, Requirement.CollectionRead, "docs") is null;
    }

    // The key and cached paths complete synchronously; only a value_exists lookup would not.
    private static AuthOutcome Complete(ValueTask<AuthOutcome> pending) => pending.IsCompleted ? pending.Result : pending.AsTask().GetAwaiter().GetResult();

    private static string Mint(object payload)
    {
        static string B64(byte[] b) => Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var signed = $"{B64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"u8.ToArray())}.{B64(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(payload))}";
        return $"{signed}.{B64(HMACSHA256.HashData(Encoding.UTF8.GetBytes(ApiKey), Encoding.ASCII.GetBytes(signed)))}";
    }
}
