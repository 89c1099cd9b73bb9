namespace Citadel.Node.Configuration;

/// <summary>
/// A view of one map of the merged tree at a dotted path (e.g. <c>cluster.p2p</c>). Lookups report
/// three states: absent (the fallback applies), explicit null, or a value. Typed accessors live in
/// <see cref="ConfigSectionValues"/>.
/// </summary>
internal sealed class ConfigSection
{
    private readonly ConfigMap? map;

    public ConfigSection(string path, ConfigMap? map)
    {
        Path = path;
        this.map = map;
    }

    /// <summary>Dotted path of this section; empty for the root.</summary>
    public string Path { get; }

    /// <summary>True when the section is absent or set to null in every layer.</summary>
    public bool IsMissing => map is null;

    public string KeyOf(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    /// <summary>
    /// The nested section at <paramref name="key"/>. An absent or null section binds to its fallbacks,
    /// like a serde struct with <c>#[serde(default)]</c>; a scalar there is an error.
    /// </summary>
    public ConfigSection Section(string key)
    {
        var node = Find(key);
        return node switch
        {
            null => new ConfigSection(KeyOf(key), null),
            ConfigScalar { IsNull: true } => new ConfigSection(KeyOf(key), null),
            ConfigMap child => new ConfigSection(KeyOf(key), child),
            _ => throw Invalid(key, "a section of settings (a map)", node),
        };
    }

    /// <summary>The node at <paramref name="key"/>, or null when the key is absent.</summary>
    public ConfigNode? Find(string key) => map is not null && map.TryGet(key, out var node) ? node : null;

    /// <summary>The standard error for a value that does not fit, naming key, expectation, value and layer.</summary>
    public ConfigurationException Invalid(string key, string expected, ConfigNode found)
    {
        var dotted = KeyOf(key);
        var shown = found is ConfigScalar ? $"`{found.Describe()}`" : found.Describe();
        return new ConfigurationException(
            $"Invalid configuration: `{dotted}` must be {expected}, got {shown} (set in {found.Source})",
            dotted,
            found.Source);
    }

    /// <summary>An error about a combination of keys, not one bad value.</summary>
    public ConfigurationException Invalid(string key, string problem) =>
        new($"Invalid configuration: `{KeyOf(key)}` {problem}", KeyOf(key), null);
}
