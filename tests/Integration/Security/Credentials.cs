using System.Security.Cryptography;
using Citadel.Tests.Shared;

namespace Citadel.Tests.Integration.Security;

/// <summary>Which column of Qdrant's access table a credential should behave like.</summary>
public enum Column
{
    /// <summary>Global read (read-only key, <c>"r"</c> token).</summary>
    R,

    /// <summary>Global manage (keys, <c>"m"</c> token, token without access).</summary>
    M,

    /// <summary>Collection read on <c>col</c>.</summary>
    CR,

    /// <summary>Collection read-write on <c>col</c>.</summary>
    CRW,

    /// <summary>Collection points read-write on <c>col</c>.</summary>
    CPRW,

    /// <summary>Refused before any rule: 401 everywhere but public routes.</summary>
    Unauthenticated,

    /// <summary>Refused before any rule with 403 (bad signature, expired).</summary>
    ForbiddenToken,
}

/// <summary>Every credential kind of the security tests, with the column it must follow.</summary>
public static class Credentials
{
    private static readonly RSA RsaKey = RSA.Create(2048);

    public static IEnumerable<(string Name, string? Header, Column Column)> All()
    {
        var now = DateTimeOffset.UtcNow;
        var key = SecuredNodeFixture.ApiKey;
        yield return ("none", null, Column.Unauthenticated);
        yield return ("wrong key", "api-key: not-a-key", Column.Unauthenticated);
        yield return ("api_key", $"api-key: {key}", Column.M);
        yield return ("alt_api_key", $"api-key: {SecuredNodeFixture.AltApiKey}", Column.M);
        yield return ("read-only key", $"api-key: {SecuredNodeFixture.ReadOnlyKey}", Column.R);
        yield return ("api_key as bearer", $"authorization: Bearer {key}", Column.M);
        yield return ("token r", Bearer(Tokens.Hs256(key, new { access = "r" })), Column.R);
        yield return ("token m", Bearer(Tokens.Hs256(key, new { access = "m" })), Column.M);
        yield return ("token without access", Bearer(Tokens.Hs256(key, new { subject = "ops" })), Column.M);
        yield return ("token col r", Bearer(Tokens.Hs256(key, Scoped("r"))), Column.CR);
        yield return ("token col rw", Bearer(Tokens.Hs256(key, Scoped("rw"))), Column.CRW);
        yield return ("token col prw", Bearer(Tokens.Hs256(key, Scoped("prw"))), Column.CPRW);
        yield return ("token in api-key header", $"api-key: {Tokens.Hs256(key, Scoped("rw"))}", Column.CRW);
        yield return ("payload token", Bearer(Tokens.Hs256(key, new { access = new object[] { new { collection = "col", access = "rw", payload = new { k = "v" } } } })), Column.Unauthenticated);
        yield return ("expired 31 s", Bearer(Tokens.Hs256(key, new { access = "m", exp = Tokens.Exp(now.AddSeconds(-31)) })), Column.ForbiddenToken);
        // 29 s and 31 s exactly are proven with a manual clock in the unit tests; here a real clock runs during the test.
        yield return ("expired 20 s ago (within leeway)", Bearer(Tokens.Hs256(key, new { access = "m", exp = Tokens.Exp(now.AddSeconds(-20)) })), Column.M);
        yield return ("wrong signature", Bearer(Tokens.Hs256("another-secret-of-some-length-0123456789", new { access = "m" })), Column.ForbiddenToken);
        yield return ("signed by alt key", Bearer(Tokens.Hs256(SecuredNodeFixture.AltApiKey, new { access = "r" })), Column.R);
        yield return ("alg none", Bearer(Tokens.None(new { access = "m" })), Column.Unauthenticated);
        yield return ("RS256", Bearer(Tokens.Rs256(RsaKey, new { access = "m" })), Column.Unauthenticated);
    }

    private static object Scoped(string mode) => new { access = new object[] { new { collection = "col", access = mode }, new { collection = "users", access = "r" } } };

    private static string Bearer(string token) => $"authorization: Bearer {token}";
}
