using System.Globalization;
using Citadel.Common.Errors;
using Citadel.Node.Api;

namespace Citadel.Node.Rest;

/// <summary>Reads Qdrant's query parameters; a malformed one is a 400 like Qdrant's query extractor.</summary>
internal static class RestQuery
{
    public static WriteParams Write(HttpRequest request) => new(
        Bool(request, "wait") ?? false,
        request.Query.TryGetValue("ordering", out var o) ? Ordering(o.ToString()) : WriteOrdering.Weak,
        Timeout(request));

    public static ReadParams Read(HttpRequest request)
    {
        string? consistency = null;
        if (request.Query.TryGetValue("consistency", out var c))
        {
            consistency = c.ToString();
            if (consistency is not ("majority" or "quorum" or "all") && !(uint.TryParse(consistency, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0))
            {
                throw Error($"consistency: expected a positive integer, `majority`, `quorum` or `all`, got `{consistency}`");
            }
        }

        return new ReadParams(consistency, Timeout(request));
    }

    public static bool? Bool(HttpRequest request, string name)
    {
        if (!request.Query.TryGetValue(name, out var v))
        {
            return null;
        }

        return v.ToString() switch
        {
            "true" => true,
            "false" => false,
            var other => throw Error($"{name}: provided string was not `true` or `false`, got `{other}`"),
        };
    }

    public static TimeSpan? Timeout(HttpRequest request)
    {
        if (!request.Query.TryGetValue("timeout", out var v))
        {
            return null;
        }

        return ulong.TryParse(v.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 1 and <= 86_400 * 365
            ? TimeSpan.FromSeconds(seconds)
            : throw Error($"timeout: expected a whole number of seconds of at least 1, got `{v}`");
    }

    private static WriteOrdering Ordering(string value) => value switch
    {
        "weak" => WriteOrdering.Weak,
        "medium" => WriteOrdering.Medium,
        "strong" => WriteOrdering.Strong,
        _ => throw Error($"ordering: unknown variant `{value}`, expected one of `weak`, `medium`, `strong`"),
    };

    private static CitadelException Error(string detail) => new(ErrorKind.BadRequest, $"Query deserialize error: {detail}");
}
