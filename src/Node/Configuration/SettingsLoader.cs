namespace Citadel.Node.Configuration;

/// <summary>
/// Loads the node settings exactly in Qdrant's order, lowest priority first: built-in defaults,
/// <c>config/config</c>, <c>config/{RUN_MODE}</c>, <c>config/local</c>, <c>--config-path</c>, then
/// <c>QDRANT__*</c> environment variables. Fatal problems throw <see cref="ConfigurationException"/>;
/// everything else is returned as messages because the logger is not up yet.
/// </summary>
public static class SettingsLoader
{
    /// <summary>Variable naming the run-mode file, as in Qdrant.</summary>
    public const string RunModeVariable = "RUN_MODE";

    /// <summary>Run mode used when <see cref="RunModeVariable"/> is not set.</summary>
    public const string DefaultRunMode = "development";

    /// <summary>Loads, merges, binds and validates the configuration.</summary>
    /// <param name="cli">Parsed command line (<c>--config-path</c>, <c>--disable-telemetry</c> and its warnings are used).</param>
    /// <param name="environment">Environment variables; passed in so tests need not touch the process environment.</param>
    /// <param name="workingDirectory">Directory that <c>config/…</c> and relative paths are resolved against.</param>
    public static LoadedSettings Load(CommandLineOptions cli, IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(cli);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentException.ThrowIfNullOrEmpty(workingDirectory);

        workingDirectory = Path.GetFullPath(workingDirectory);
        var messages = cli.Warnings.Select(LoadMessage.Warning).ToList();

        var tree = EmbeddedDefaults.Load();
        var runMode = environment.TryGetValue(RunModeVariable, out var mode) ? mode : DefaultRunMode;

        // Only the main and run-mode files are announced when missing; config/local is optional by design.
        tree = MergeOptionalFile(tree, "config/config", workingDirectory, messages, warnIfMissing: true);
        tree = MergeOptionalFile(tree, $"config/{runMode}", workingDirectory, messages, warnIfMissing: true);
        tree = MergeOptionalFile(tree, "config/local", workingDirectory, messages, warnIfMissing: false);

        if (cli.ConfigPath is { } configPath)
        {
            tree = MergeCustomFile(tree, configPath, workingDirectory, messages);
        }

        tree = tree.MergedWith(EnvironmentOverlay.Build(environment));

        var settings = NodeSettingsBinder.Bind(tree, workingDirectory, messages);
        if (cli.DisableTelemetry)
        {
            settings = settings with { TelemetryDisabled = true };
        }

        SettingsWarnings.Collect(settings, messages);
        PublicBindGuard.Enforce(settings.Service, messages);

        return new LoadedSettings(settings, messages.Select(message => message.Text).ToList()) { Messages = messages };
    }

    private static ConfigMap MergeOptionalFile(ConfigMap tree, string name, string workingDirectory, List<LoadMessage> messages, bool warnIfMissing)
    {
        var file = ConfigFileLocator.Find(PathResolver.Resolve(name, workingDirectory), out var unsupported);
        if (file is null)
        {
            if (unsupported is not null)
            {
                messages.Add(LoadMessage.Warning($"Config file {Display(unsupported, workingDirectory)} is ignored: only YAML and JSON configuration files are supported"));
            }
            else if (warnIfMissing)
            {
                messages.Add(LoadMessage.Warning($"Config file not found: {name}"));
            }

            return tree;
        }

        return tree.MergedWith(ConfigFileReader.Read(file, Display(file.FullPath, workingDirectory)));
    }

    private static ConfigMap MergeCustomFile(ConfigMap tree, string configPath, string workingDirectory, List<LoadMessage> messages)
    {
        var file = ConfigFileLocator.Find(PathResolver.Resolve(configPath, workingDirectory), out _);
        if (file is null)
        {
            // Qdrant logs this at error level and starts anyway with the remaining layers.
            messages.Add(LoadMessage.Error($"Config file via --config-path is not found: {configPath}"));
            return tree;
        }

        return tree.MergedWith(ConfigFileReader.Read(file, file.FullPath));
    }

    private static string Display(string fullPath, string workingDirectory) =>
        Path.GetRelativePath(workingDirectory, fullPath).Replace('\\', '/');
}
