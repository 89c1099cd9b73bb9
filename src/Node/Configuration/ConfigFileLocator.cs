namespace Citadel.Node.Configuration;

/// <summary>Format of a configuration file, decided by its extension.</summary>
internal enum ConfigFileFormat
{
    Yaml,
    Json,
}

/// <summary>A configuration file that exists on disk.</summary>
internal sealed record ConfigFile(string FullPath, ConfigFileFormat Format);

/// <summary>
/// Finds a configuration file the way Qdrant's <c>config</c> crate does for <c>File::with_name</c>:
/// the path itself when it is a file, otherwise the path with each known extension appended.
/// </summary>
internal static class ConfigFileLocator
{
    private static readonly (string Extension, ConfigFileFormat Format)[] Known =
    [
        (".yaml", ConfigFileFormat.Yaml),
        (".yml", ConfigFileFormat.Yaml),
        (".json", ConfigFileFormat.Json),
    ];

    // Formats the config crate reads but Citadel does not; finding one deserves a warning, not silence.
    private static readonly string[] Unsupported = [".toml", ".ini", ".ron", ".json5"];

    /// <summary>Returns the file for <paramref name="fullPath"/> (given without or with an extension), or null.</summary>
    public static ConfigFile? Find(string fullPath, out string? unsupportedFile)
    {
        unsupportedFile = null;
        if (File.Exists(fullPath))
        {
            // An explicit file is read as JSON only when it says so; YAML also accepts most JSON.
            var format = string.Equals(Path.GetExtension(fullPath), ".json", StringComparison.OrdinalIgnoreCase)
                ? ConfigFileFormat.Json
                : ConfigFileFormat.Yaml;
            return new ConfigFile(fullPath, format);
        }

        foreach (var (extension, format) in Known)
        {
            var candidate = fullPath + extension;
            if (File.Exists(candidate))
            {
                return new ConfigFile(candidate, format);
            }
        }

        unsupportedFile = Unsupported.Select(extension => fullPath + extension).FirstOrDefault(File.Exists);
        return null;
    }
}
