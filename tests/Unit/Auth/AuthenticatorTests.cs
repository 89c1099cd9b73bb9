using System.Security.Cryptography;
using Citadel.Auth;
using Citadel.Auth.Access;
using Citadel.Auth.Credentials;
using Citadel.Auth.Jwt;
using Citadel.Common.Errors;
using Citadel.Tests.Shared;

namespace Citadel.Tests.Unit.Auth;

public sealed class AuthenticatorTests
{
    private const string ApiKey = "admin-key-of-sufficient-length-0123456789";
    private const string AltKey = "alt";
    private const string ReadOnlyKey = "read-only-key";
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private readonly ManualTime _time = new(Now);
    private readonly FakeValueExists _values = new();

    private Authenticator Create(bool jwt = true) => new(new KeyRing(ApiKey, AltKey, ReadOnlyKey), jwt, _values, _time);

    [Fact]
    public async Task NoCredential_IsUnauthorized()
    {
        var outcome = await Create().AuthenticateAsync(null, default);
        Assert.Equal(ErrorKind.Unauthorized, outcome.FailureKind);
        Assert.Equal(Authenticator.MissingCredential, outcome.FailureMessage);
    }

    [Theory]
    [InlineData(ApiKey, GlobalAccessMode.Manage)]
    [InlineData(AltKey, GlobalAccessMode.Manage)]
    [InlineData(ReadOnlyKey, GlobalAccessMode.Read)]
    public async Task StaticKeys_GrantTheirGlobalAccess(string key, GlobalAccessMode mode)
    {
        var outcome = await Create().AuthenticateAsync(key, default);
        Assert.True(outcome.Succeeded);
        Assert.Equal(mode, outcome.Access!.Global);
        Assert.Equal(AuthType.ApiKey, outcome.Type);
    }

    [Fact]
    public async Task WrongKey_IsUnauthorized() =>
        Assert.Equal(Authenticator.InvalidCredential, (await Create().AuthenticateAsync("nope", default)).FailureMessage);

    [Fact]
    public async Task TokenWithoutAccessClaim_GrantsManage()
    {
        var outcome = await Create().AuthenticateAsync(Tokens.Hs256(ApiKey, new { subject = "alice" }), default);
        Assert.Equal(GlobalAccessMode.Manage, outcome.Access!.Global);
        Assert.Equal(AuthType.Jwt, outcome.Type);
        Assert.Equal("alice", outcome.Subject);
    }

    [Fact]
    public async Task TokenSignedWithTheShortAltKey_IsAccepted()
    {
        var outcome = await Create().AuthenticateAsync(Tokens.Hs256(AltKey, new { access = "r" }), default);
        Assert.Equal(GlobalAccessMode.Read, outcome.Access!.Global);
    }

    [Fact]
    public async Task TokenSignedWithTheReadOnlyKey_IsRejected()
    {
        var outcome = await Create().AuthenticateAsync(Tokens.Hs256(ReadOnlyKey, new { access = "m" }), default);
        Assert.Equal(ErrorKind.Forbidden, outcome.FailureKind);
        Assert.Equal("InvalidSignature", outcome.FailureMessage);
    }

    [Fact]
    public async Task CollectionTokens_CarryTheirModes()
    {
        var token = Tokens.Hs256(ApiKey, new { access = new object[] { new { collection = "a", access = "r" }, new { collection = "b", access = "rw" }, new { collection = "c", access = "prw" } } });
        var access = (await Create().AuthenticateAsync(token, default)).Access!;
        Assert.Equal(CollectionAccessMode.Read, access.ModeFor("a"));
        Assert.Equal(CollectionAccessMode.ReadWrite, access.ModeFor("b"));
        Assert.Equal(CollectionAccessMode.PointsReadWrite, access.ModeFor("c"));
        Assert.Null(access.ModeFor("d"));
    }

    [Fact]
    public async Task DuplicateCollections_AreUnauthorized()
    {
        var token = Tokens.Hs256(ApiKey, new { access = new object[] { new { collection = "a", access = "r" }, new { collection = "a", access = "rw" } } });
        Assert.Equal(ErrorKind.Unauthorized, (await Create().AuthenticateAsync(token, default)).FailureKind);
    }

    [Fact]
    public async Task PayloadConstraint_IsUnauthorizedWithQdrantsMessage()
    {
        var token = Tokens.Hs256(ApiKey, new { access = new object[] { new { collection = "a", access = "r", payload = new { city = "x" } } } });
        var outcome = await Create().AuthenticateAsync(token, default);
        Assert.Equal(ErrorKind.Unauthorized, outcome.FailureKind);
        Assert.Equal("The 'payload' constraint is deprecated and should not be used", outcome.FailureMessage);
    }

    [Theory]
    [InlineData(29, true)]
    [InlineData(31, false)]
    public async Task Expiry_HasThirtySecondsOfLeeway(int secondsPast, bool accepted)
    {
        var token = Tokens.Hs256(ApiKey, new { exp = Tokens.Exp(Now.AddSeconds(-secondsPast)) });
        var outcome = await Create().AuthenticateAsync(token, default);
        Assert.Equal(accepted, outcome.Succeeded);
        if (!accepted)
        {
            Assert.Equal("ExpiredSignature", outcome.FailureMessage);
            Assert.Equal(ErrorKind.Forbidden, outcome.FailureKind);
        }
    }

    [Fact]
    public async Task CachedToken_StillExpiresWhenTheClockMoves()
    {
        var auth = Create();
        var token = Tokens.Hs256(ApiKey, new { exp = Tokens.Exp(Now.AddMinutes(1)) });
        Assert.True((await auth.AuthenticateAsync(token, default)).Succeeded);
        _time.Now = Now.AddMinutes(2);
        Assert.Equal("ExpiredSignature", (await auth.AuthenticateAsync(token, default)).FailureMessage);
    }

    [Fact]
    public async Task WrongSignature_IsForbidden()
    {
        var outcome = await Create().AuthenticateAsync(Tokens.Hs256("some-other-secret", new { access = "m" }), default);
        Assert.Equal(ErrorKind.Forbidden, outcome.FailureKind);
        Assert.Equal("InvalidSignature", outcome.FailureMessage);
    }

    [Fact]
    public async Task AlgNone_IsUnauthorized() =>
        Assert.Equal(Authenticator.InvalidCredential, (await Create().AuthenticateAsync(Tokens.None(new { access = "m" }), default)).FailureMessage);

    [Fact]
    public async Task Rs256Token_IsUnauthorized()
    {
        using var rsa = RSA.Create(2048);
        Assert.Equal(Authenticator.InvalidCredential, (await Create().AuthenticateAsync(Tokens.Rs256(rsa, new { access = "m" }), default)).FailureMessage);
    }

    [Fact]
    public async Task Hs512TokenSignedWithTheKey_IsUnauthorized() =>
        Assert.Equal(Authenticator.InvalidCredential, (await Create().AuthenticateAsync(Tokens.Hs256(ApiKey, new { access = "m" }, alg: "HS512"), default)).FailureMessage);

    [Theory]
    [InlineData("garbage")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJub25lIn0..")]
    public async Task Garbage_IsUnauthorized(string credential) =>
        Assert.Equal(Authenticator.InvalidCredential, (await Create().AuthenticateAsync(credential, default)).FailureMessage);

    [Fact]
    public async Task Hs256HeaderWithoutSignature_IsForbiddenLikeQdrant() =>
        Assert.Equal("InvalidSignature", (await Create().AuthenticateAsync("eyJhbGciOiJIUzI1NiJ9..", default)).FailureMessage);

    [Fact]
    public async Task OversizedToken_IsUnauthorized()
    {
        var token = Tokens.Hs256(ApiKey, new { access = "m", filler = new string('x', 9000) });
        Assert.Equal(Authenticator.InvalidCredential, (await Create().AuthenticateAsync(token, default)).FailureMessage);
    }

    [Fact]
    public async Task UnknownAccessShape_IsNotAToken_SoOnlyTheAltKeysSignatureErrorRemains()
    {
        var token = Tokens.Hs256(ApiKey, new { access = "rw" });
        Assert.Equal("InvalidSignature", (await Create().AuthenticateAsync(token, default)).FailureMessage);
        var withoutAlt = new Authenticator(new KeyRing(ApiKey, null, null), true, _values, _time);
        Assert.Equal(Authenticator.InvalidCredential, (await withoutAlt.AuthenticateAsync(token, default)).FailureMessage);
    }

    [Fact]
    public async Task JwtRbacOff_TokensAreUnauthorized() =>
        Assert.Equal(Authenticator.InvalidCredential, (await Create(jwt: false).AuthenticateAsync(Tokens.Hs256(ApiKey, new { access = "m" }), default)).FailureMessage);

    [Fact]
    public async Task NoKeysConfigured_EveryoneGetsFullAccessWithAuthTypeNone()
    {
        var outcome = await new Authenticator(new KeyRing(null, null, null), true, null, _time).AuthenticateAsync(null, default);
        Assert.Equal(GlobalAccessMode.Manage, outcome.Access!.Global);
        Assert.Equal(AuthType.None, outcome.Type);
    }

    [Fact]
    public async Task ValueExists_IsCheckedOnEveryRequest()
    {
        var auth = Create();
        var token = Tokens.Hs256(ApiKey, new { access = "r", value_exists = new { collection = "users", matches = new object[] { new { key = "user", value = "andrey" }, new { key = "level", value = 3 } } } });
        _values.Result = ValueExistsResult.CollectionMissing;
        var missing = await auth.AuthenticateAsync(token, default);
        Assert.Equal((ErrorKind.Forbidden, Authenticator.StatefulValidationFailed), (missing.FailureKind, missing.FailureMessage));
        _values.Result = ValueExistsResult.NoMatch;
        Assert.Equal(ErrorKind.Unauthorized, (await auth.AuthenticateAsync(token, default)).FailureKind);
        _values.Result = ValueExistsResult.Exists;
        Assert.True((await auth.AuthenticateAsync(token, default)).Succeeded);
        _values.Result = ValueExistsResult.NoMatch;
        Assert.False((await auth.AuthenticateAsync(token, default)).Succeeded);
        Assert.Equal(4, _values.Calls);
        Assert.Equal("users", _values.LastClaim!.Collection);
        Assert.Equal(3L, _values.LastClaim.Matches[1].Value);
    }

    private sealed class FakeValueExists : IValueExistsChecker
    {
        public ValueExistsResult Result { get; set; }

        public int Calls { get; private set; }

        public ValueExistsClaim? LastClaim { get; private set; }

        public ValueTask<ValueExistsResult> CheckAsync(ValueExistsClaim claim, CancellationToken cancellationToken)
        {
            Calls++;
            LastClaim = claim;
            return ValueTask.FromResult(Result);
        }
    }
}
