using Citadel.Node.Configuration;

namespace Citadel.Tests.Unit.Configuration;

/// <summary>Shortcuts for calling the loader with an explicit environment.</summary>
internal static class Load
{
    public static readonly IReadOnlyDictionary<string, string> NoEnvironment = new Dictionary<string, string>();

    public static LoadedSettings From(string workingDirectory, IReadOnlyDictionary<string, string>? environment = null, CommandLineOptions? cli = null) =>
        SettingsLoader.Load(cli ?? new CommandLineOptions(), environment ?? NoEnvironment, workingDirectory);

    public static LoadedSettings WithEnvironment(string workingDirectory, params (string Name, string Value)[] variables) =>
        From(workingDirectory, variables.ToDictionary(v => v.Name, v => v.Value));

    public static ConfigurationException Failure(string workingDirectory, params (string Name, string Value)[] variables) =>
        Assert.Throws<ConfigurationException>(() => WithEnvironment(workingDirectory, variables));
}
