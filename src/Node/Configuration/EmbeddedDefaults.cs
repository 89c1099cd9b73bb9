namespace Citadel.Node.Configuration;

/// <summary>The compiled-in copy of <c>config/config.yaml</c>: the lowest layer, so every key has a default.</summary>
internal static class EmbeddedDefaults
{
    /// <summary>Name the layer carries in error messages.</summary>
    public const string SourceName = "built-in defaults";

    private const string ResourceName = "Citadel.Node.config.yaml";

    /// <summary>The raw YAML text of the defaults.</summary>
    public static string Text { get; } = ReadText();

    public static ConfigMap Load() => YamlConfigReader.Read(Text, SourceName);

    private static string ReadText()
    {
        using var stream = typeof(EmbeddedDefaults).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
