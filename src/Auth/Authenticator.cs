using System.Collections.Concurrent;
using Citadel.Auth.Access;
using Citadel.Auth.Credentials;
using Citadel.Auth.Jwt;

namespace Citadel.Auth;

/// <summary>
/// Turns a credential into an <see cref="AuthOutcome"/>, exactly in Qdrant's order: no credential → 401; an API key
/// (constant time) → its access; else, with <c>jwt_rbac</c>, a token verified with <c>api_key</c> then
/// <c>alt_api_key</c> (never the read-only key); else 401. Verified token claims are cached (bounded); expiry is
/// re-checked against the clock and <c>value_exists</c> is looked up on every request.
/// </summary>
public sealed class Authenticator
{
    /// <summary>Reply when no credential was sent.</summary>
    public const string MissingCredential = "Must provide an API key or an Authorization bearer token";

    /// <summary>Reply when the credential is neither a key nor a token we can verify.</summary>
    public const string InvalidCredential = "Invalid API key or JWT";

    /// <summary>Reply when a <c>value_exists</c> claim does not hold.</summary>
    public const string StatefulValidationFailed = "Invalid JWT, stateful validation failed";

    private const int CacheLimit = 10_000;
    private static readonly TimeSpan Leeway = TimeSpan.FromSeconds(30);

    private readonly KeyRing _keys;
    private readonly JwtVerifier[] _verifiers;
    private readonly IValueExistsChecker? _valueExists;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, TokenClaims> _cache = new(StringComparer.Ordinal);

    public Authenticator(KeyRing keys, bool jwtRbac, IValueExistsChecker? valueExists, TimeProvider time)
    {
        _keys = keys;
        _valueExists = valueExists;
        _time = time;
        var secrets = new List<JwtVerifier>(2);
        if (jwtRbac)
        {
            if (keys.ApiKey is { } a)
            {
                secrets.Add(new JwtVerifier(a));
            }

            if (keys.AltApiKey is { } b)
            {
                secrets.Add(new JwtVerifier(b));
            }
        }

        _verifiers = [.. secrets];
    }

    /// <summary>True when any key is configured; when false every request gets full access (auth type None).</summary>
    public bool Enabled => _keys.Enabled;

    /// <summary>True when tokens are accepted.</summary>
    public bool JwtEnabled => _verifiers.Length > 0;

    /// <summary>Authenticates one request's credential (null when none was sent).</summary>
    public ValueTask<AuthOutcome> AuthenticateAsync(string? credential, CancellationToken cancellationToken)
    {
        if (!_keys.Enabled)
        {
            return ValueTask.FromResult(AuthOutcome.Allow(Access.Access.Manage, AuthType.None));
        }

        if (credential is null)
        {
            return ValueTask.FromResult(AuthOutcome.Unauthorized(MissingCredential));
        }

        switch (_keys.Match(credential))
        {
            case KeyKind.Manage:
                return ValueTask.FromResult(AuthOutcome.Allow(Access.Access.Manage, AuthType.ApiKey));
            case KeyKind.ReadOnly:
                return ValueTask.FromResult(AuthOutcome.Allow(Access.Access.Read, AuthType.ApiKey));
        }

        if (_verifiers.Length == 0)
        {
            return ValueTask.FromResult(AuthOutcome.Unauthorized(InvalidCredential));
        }

        if (_cache.TryGetValue(credential, out var cached))
        {
            return Accept(cached, cancellationToken);
        }

        return AuthenticateTokenAsync(credential, cancellationToken);
    }

    private async ValueTask<AuthOutcome> AuthenticateTokenAsync(string token, CancellationToken cancellationToken)
    {
        AuthOutcome? firstError = null;
        foreach (var verifier in _verifiers)
        {
            var (status, payload) = await verifier.VerifyAsync(token).ConfigureAwait(false);
            switch (status)
            {
                case VerifyStatus.Verified:
                    var parsed = ClaimsParser.Parse(payload);
                    if (parsed.Claims is { } claims)
                    {
                        if (_cache.Count >= CacheLimit)
                        {
                            _cache.Clear();
                        }

                        _cache[token] = claims;
                        return await Accept(claims, cancellationToken).ConfigureAwait(false);
                    }

                    firstError ??= parsed.NotUnderstood ? null : AuthOutcome.Unauthorized(parsed.Error!);
                    break;
                case VerifyStatus.InvalidSignature:
                    firstError ??= AuthOutcome.Forbidden("InvalidSignature");
                    break;
            }
        }

        return firstError ?? AuthOutcome.Unauthorized(InvalidCredential);
    }

    private ValueTask<AuthOutcome> Accept(TokenClaims claims, CancellationToken cancellationToken)
    {
        if (claims.Expiry is { } expiry && _time.GetUtcNow() > expiry + Leeway)
        {
            return ValueTask.FromResult(AuthOutcome.Forbidden("ExpiredSignature"));
        }

        if (claims.ValueExists is null)
        {
            return ValueTask.FromResult(AuthOutcome.Allow(claims.Access, AuthType.Jwt, claims.Subject));
        }

        return CheckValueExistsAsync(claims, cancellationToken);
    }

    private async ValueTask<AuthOutcome> CheckValueExistsAsync(TokenClaims claims, CancellationToken cancellationToken)
    {
        if (_valueExists is null)
        {
            return AuthOutcome.Forbidden(StatefulValidationFailed);
        }

        return await _valueExists.CheckAsync(claims.ValueExists!, cancellationToken).ConfigureAwait(false) switch
        {
            ValueExistsResult.Exists => AuthOutcome.Allow(claims.Access, AuthType.Jwt, claims.Subject),
            ValueExistsResult.NoMatch => AuthOutcome.Unauthorized(StatefulValidationFailed),
            _ => AuthOutcome.Forbidden(StatefulValidationFailed),
        };
    }
}
