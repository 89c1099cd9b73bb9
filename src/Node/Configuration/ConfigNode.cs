namespace Citadel.Node.Configuration;

/// <summary>
/// One value of the untyped configuration tree, before binding. Every node remembers the layer it came
/// from so that a binding error can say where the bad value was set.
/// </summary>
internal abstract class ConfigNode
{
    protected ConfigNode(string source) => Source = source;

    /// <summary>Human-readable origin, e.g. <c>config/local.yaml</c> or <c>environment variable QDRANT__X</c>.</summary>
    public string Source { get; }

    /// <summary>How the value is shown in an error message.</summary>
    public abstract string Describe();
}

/// <summary>A scalar: YAML/JSON text or an environment variable value. Types are decided only at binding.</summary>
internal sealed class ConfigScalar : ConfigNode
{
    private ConfigScalar(string? text, string source)
        : base(source) => Text = text;

    /// <summary>The raw text; null for an explicit <c>null</c>.</summary>
    public string? Text { get; }

    public bool IsNull => Text is null;

    public static ConfigScalar Of(string text, string source) => new(text, source);

    public static ConfigScalar Null(string source) => new(null, source);

    public override string Describe() => Text ?? "null";
}

/// <summary>A list (e.g. <c>cluster.p2p.allowed_identities</c>).</summary>
internal sealed class ConfigSequence : ConfigNode
{
    public ConfigSequence(IReadOnlyList<ConfigNode> items, string source)
        : base(source) => Items = items;

    public IReadOnlyList<ConfigNode> Items { get; }

    public override string Describe() => "a list";
}

/// <summary>A map of keys to values. Keys compare ordinally, like serde field names.</summary>
internal sealed class ConfigMap : ConfigNode
{
    private readonly Dictionary<string, ConfigNode> entries;

    public ConfigMap(string source)
        : this(new Dictionary<string, ConfigNode>(StringComparer.Ordinal), source)
    {
    }

    private ConfigMap(Dictionary<string, ConfigNode> entries, string source)
        : base(source) => this.entries = entries;

    public IEnumerable<KeyValuePair<string, ConfigNode>> Entries => entries;

    public int Count => entries.Count;

    public bool TryGet(string key, out ConfigNode? value) => entries.TryGetValue(key, out value);

    /// <summary>Adds or replaces a key; only used while a layer is being built.</summary>
    public void Set(string key, ConfigNode value) => entries[key] = value;

    /// <summary>
    /// Returns a new map with <paramref name="overlay"/> laid over this one: maps merge key by key,
    /// anything else (including an explicit null) replaces what was there. Neither input changes.
    /// </summary>
    public ConfigMap MergedWith(ConfigMap overlay)
    {
        var merged = new Dictionary<string, ConfigNode>(entries, StringComparer.Ordinal);
        foreach (var (key, value) in overlay.entries)
        {
            merged[key] = merged.TryGetValue(key, out var existing) && existing is ConfigMap baseMap && value is ConfigMap overMap
                ? baseMap.MergedWith(overMap)
                : value;
        }

        return new ConfigMap(merged, Source);
    }

    public override string Describe() => "a map";
}
