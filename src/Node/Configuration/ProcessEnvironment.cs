using System.Collections;

namespace Citadel.Node.Configuration;

/// <summary>Snapshot of the process environment in the shape <see cref="SettingsLoader.Load"/> and <see cref="CommandLineParser.Parse"/> take.</summary>
public static class ProcessEnvironment
{
    /// <summary>Copies the current environment variables (names as the OS reports them).</summary>
    public static IReadOnlyDictionary<string, string> Capture()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name)
            {
                variables[name] = entry.Value as string ?? string.Empty;
            }
        }

        return variables;
    }
}
