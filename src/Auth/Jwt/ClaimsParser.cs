using System.Text.Json;
using Citadel.Auth.Access;

namespace Citadel.Auth.Jwt;

/// <summary>
/// Reads token claims with Qdrant's rules. A payload of the wrong shape means "not a token we understand"
/// (null, which becomes 401 "Invalid API key or JWT"); a well-formed but invalid one (duplicate collections, the
/// removed <c>payload</c> constraint) is a claims error (401 with the reason).
/// </summary>
internal static class ClaimsParser
{
    public const string PayloadConstraintRemoved = "The 'payload' constraint is deprecated and should not be used";

    public static ClaimsResult Parse(ReadOnlySpan<byte> payloadJson)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(payloadJson.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException)
        {
            return ClaimsResult.NotAToken;
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return ClaimsResult.NotAToken;
            }

            DateTimeOffset? expiry = null;
            if (root.TryGetProperty("exp", out var exp) && exp.ValueKind != JsonValueKind.Null)
            {
                if (exp.ValueKind != JsonValueKind.Number || !exp.TryGetUInt64(out var seconds))
                {
                    return ClaimsResult.NotAToken;
                }

                expiry = seconds >= (ulong)DateTimeOffset.MaxValue.ToUnixTimeSeconds() ? DateTimeOffset.MaxValue : DateTimeOffset.FromUnixTimeSeconds((long)seconds);
            }

            var access = Access.Access.Manage;
            if (root.TryGetProperty("access", out var a) && a.ValueKind != JsonValueKind.Null)
            {
                var parsed = ParseAccess(a);
                if (parsed.Error is not null || parsed.Access is null)
                {
                    return parsed.Error is null ? ClaimsResult.NotAToken : ClaimsResult.Invalid(parsed.Error);
                }

                access = parsed.Access;
            }

            ValueExistsClaim? valueExists = null;
            if (root.TryGetProperty("value_exists", out var ve) && ve.ValueKind != JsonValueKind.Null)
            {
                valueExists = ParseValueExists(ve);
                if (valueExists is null)
                {
                    return ClaimsResult.NotAToken;
                }
            }

            string? subject = null;
            if (root.TryGetProperty("subject", out var s) && s.ValueKind != JsonValueKind.Null)
            {
                if (s.ValueKind != JsonValueKind.String)
                {
                    return ClaimsResult.NotAToken;
                }

                subject = s.GetString();
            }

            return ClaimsResult.Ok(new TokenClaims(expiry, access, valueExists, subject));
        }
    }

    private static (Access.Access? Access, string? Error) ParseAccess(JsonElement a)
    {
        if (a.ValueKind == JsonValueKind.String)
        {
            return a.GetString() switch
            {
                "r" => (Access.Access.Read, null),
                "m" => (Access.Access.Manage, null),
                _ => (null, null),
            };
        }

        if (a.ValueKind != JsonValueKind.Array)
        {
            return (null, null);
        }

        var list = new List<CollectionAccess>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? error = null;
        foreach (var item in a.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object
                || !item.TryGetProperty("collection", out var c) || c.ValueKind != JsonValueKind.String
                || !item.TryGetProperty("access", out var m) || m.ValueKind != JsonValueKind.String)
            {
                return (null, null);
            }

            CollectionAccessMode? mode = m.GetString() switch
            {
                "r" => CollectionAccessMode.Read,
                "rw" => CollectionAccessMode.ReadWrite,
                "prw" => CollectionAccessMode.PointsReadWrite,
                _ => null,
            };
            if (mode is null)
            {
                return (null, null);
            }

            var name = c.GetString()!;
            if (item.TryGetProperty("payload", out _))
            {
                error ??= PayloadConstraintRemoved;
            }

            if (!seen.Add(name))
            {
                error ??= $"access.collection: Collection name should be unique ({name})";
            }

            list.Add(new CollectionAccess(name, mode.Value));
        }

        return error is not null ? (null, error) : (Access.Access.ForCollections(list), null);
    }

    private static ValueExistsClaim? ParseValueExists(JsonElement ve)
    {
        if (ve.ValueKind != JsonValueKind.Object
            || !ve.TryGetProperty("collection", out var c) || c.ValueKind != JsonValueKind.String
            || !ve.TryGetProperty("matches", out var matches) || matches.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var list = new List<ValueMatch>();
        foreach (var m in matches.EnumerateArray())
        {
            if (m.ValueKind != JsonValueKind.Object || !m.TryGetProperty("key", out var k) || k.ValueKind != JsonValueKind.String || !m.TryGetProperty("value", out var v))
            {
                return null;
            }

            object? value = v.ValueKind switch
            {
                JsonValueKind.String => v.GetString()!,
                JsonValueKind.Number when v.TryGetInt64(out var l) => l,
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => null,
            };
            if (value is null)
            {
                return null;
            }

            list.Add(new ValueMatch(k.GetString()!, value));
        }

        return new ValueExistsClaim(c.GetString()!, list);
    }
}

/// <summary>Outcome of <see cref="ClaimsParser.Parse"/>.</summary>
internal readonly record struct ClaimsResult(TokenClaims? Claims, string? Error, bool NotUnderstood)
{
    public static ClaimsResult NotAToken => new(null, null, true);

    public static ClaimsResult Ok(TokenClaims claims) => new(claims, null, false);

    public static ClaimsResult Invalid(string error) => new(null, error, false);
}
