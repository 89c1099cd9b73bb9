using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Citadel.Auth.Jwt;

/// <summary>What checking one token against one secret found.</summary>
internal enum VerifyStatus
{
    /// <summary>Not a well-formed HS256 JWS (garbage, other algorithm, <c>alg: none</c>, too large).</summary>
    NotAToken,

    /// <summary>An HS256 token whose signature does not match this secret.</summary>
    InvalidSignature,

    /// <summary>Signature verified; the payload is trustworthy.</summary>
    Verified,
}

/// <summary>
/// Verifies HS256 tokens with one secret using Microsoft.IdentityModel's JsonWebTokenHandler. The algorithm is pinned
/// (header must say exactly HS256, so no <c>none</c> and no key-confusion with asymmetric algorithms). Signature
/// checking is done by our validator hook because the library refuses HMAC keys shorter than 256 bits, which Qdrant
/// accepts (with a warning); lifetime is checked by the caller against an injectable clock.
/// </summary>
internal sealed class JwtVerifier
{
    /// <summary>Tokens above this size are refused before any parsing.</summary>
    public const int MaxTokenBytes = 8 * 1024;

    private readonly byte[] _secret;
    private readonly JsonWebTokenHandler _handler = new() { MaximumTokenSizeInBytes = MaxTokenBytes };
    private readonly TokenValidationParameters _parameters;

    public JwtVerifier(string secret)
    {
        _secret = Encoding.UTF8.GetBytes(secret);
        _parameters = new TokenValidationParameters
        {
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = false,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            SignatureValidator = ValidateSignature,
        };
    }

    /// <summary>Checks the token; on success returns the decoded payload JSON.</summary>
    public async ValueTask<(VerifyStatus Status, byte[]? Payload)> VerifyAsync(string token)
    {
        if (token.Length > MaxTokenBytes)
        {
            return (VerifyStatus.NotAToken, null);
        }

        var result = await _handler.ValidateTokenAsync(token, _parameters).ConfigureAwait(false);
        if (result.IsValid && result.SecurityToken is JsonWebToken jwt)
        {
            try
            {
                return (VerifyStatus.Verified, Base64UrlEncoder.DecodeBytes(jwt.EncodedPayload));
            }
            catch (FormatException)
            {
                return (VerifyStatus.NotAToken, null);
            }
        }

        return (result.Exception is SecurityTokenInvalidSignatureException ? VerifyStatus.InvalidSignature : VerifyStatus.NotAToken, null);
    }

    private JsonWebToken ValidateSignature(string token, TokenValidationParameters parameters)
    {
        var jwt = new JsonWebToken(token);
        if (!string.Equals(jwt.Alg, SecurityAlgorithms.HmacSha256, StringComparison.Ordinal))
        {
            throw new SecurityTokenInvalidAlgorithmException("Only HS256 is accepted");
        }

        byte[] signature;
        try
        {
            signature = Base64UrlEncoder.DecodeBytes(jwt.EncodedSignature);
        }
        catch (FormatException e)
        {
            throw new SecurityTokenMalformedException("Bad signature encoding", e);
        }

        var signedPart = token.AsSpan(0, token.LastIndexOf('.'));
        Span<byte> ascii = signedPart.Length <= 4096 ? stackalloc byte[signedPart.Length] : new byte[signedPart.Length];
        if (Encoding.ASCII.GetBytes(signedPart, ascii) != signedPart.Length)
        {
            throw new SecurityTokenMalformedException("Token is not ASCII");
        }

        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(_secret, ascii, expected);
        if (signature.Length != 32 || !CryptographicOperations.FixedTimeEquals(expected, signature))
        {
            throw new SecurityTokenInvalidSignatureException("InvalidSignature");
        }

        return jwt;
    }
}
