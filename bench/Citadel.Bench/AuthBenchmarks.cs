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
        _token = BenchJwt.Mint(ApiKey, new { access = new[] { new { collection = "docs", access = "rw" } }, exp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds() });
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
        var token = BenchJwt.Mint(ApiKey, new { access = "r", n = _counter++ });
        var outcome = Complete(_auth.AuthenticateAsync(token, default));
        return AccessChecker.Check(outcome.Access!, Requirement.CollectionRead, "docs") is null;
    }

    // The key and cached paths complete synchronously; only a value_exists lookup would not.
    private static AuthOutcome Complete(ValueTask<AuthOutcome> pending) => pending.IsCompleted ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
}
