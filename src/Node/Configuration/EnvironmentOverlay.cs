namespace Citadel.Node.Configuration;

/// <summary>
/// Turns <c>QDRANT__SECTION__KEY=value</c> variables into a configuration layer, the way Qdrant's
/// <c>config</c> crate does: the name is lower-cased, the prefix dropped, every <c>__</c> nests one
/// level, a single <c>_</c> stays part of the key, and the value is always a string (even when empty).
/// </summary>
internal static class EnvironmentOverlay
{
    /// <summary>The prefix, compared case-insensitively.</summary>
    public const string Prefix = "QDRANT__";

    private const string Separator = "__";

    public static ConfigMap Build(IReadOnlyDictionary<string, string> environment)
    {
        var root = new ConfigMap("environment");

        // Sorted so that two spellings of one variable (QDRANT__X and qdrant__x) resolve the same way every run.
        foreach (var (name, value) in environment.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (!name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || name.Length == Prefix.Length)
            {
                continue;
            }

            // Lower-casing is what makes QDRANT__SERVICE__API_KEY reach `service.api_key`.
#pragma warning disable CA1308 // Keys are lower-case by definition; upper-casing would never match.
            var segments = name[Prefix.Length..].ToLowerInvariant().Split(Separator);
#pragma warning restore CA1308
            if (segments.Any(segment => segment.Length == 0))
            {
                continue;
            }

            Set(root, segments, ConfigScalar.Of(value ?? string.Empty, $"environment variable {name}"));
        }

        return root;
    }

    private static void Set(ConfigMap root, string[] segments, ConfigScalar value)
    {
        var current = root;
        foreach (var segment in segments[..^1])
        {
            if (!current.TryGet(segment, out var child) || child is not ConfigMap childMap)
            {
                childMap = new ConfigMap(value.Source);
                current.Set(segment, childMap);
            }

            current = childMap;
        }

        current.Set(segments[^1], value);
    }
}
