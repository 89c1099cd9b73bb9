namespace Citadel.Node.Configuration;

/// <summary>Reads one configuration file into the untyped tree.</summary>
internal static class ConfigFileReader
{
    public static ConfigMap Read(ConfigFile file, string displayName)
    {
        string text;
        try
        {
            text = File.ReadAllText(file.FullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The file exists but cannot be read: a broken layer must not be skipped silently.
            throw new ConfigurationException($"Invalid configuration: cannot read {displayName}: {e.Message}", e);
        }

        return file.Format == ConfigFileFormat.Json
            ? JsonConfigReader.Read(text, displayName)
            : YamlConfigReader.Read(text, displayName);
    }
}
