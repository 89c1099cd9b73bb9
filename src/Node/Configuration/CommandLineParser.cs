using System.CommandLine;
using System.CommandLine.Help;
using System.Reflection;

namespace Citadel.Node.Configuration;

/// <summary>Parses the node's command line (the flags of Qdrant's binary) with System.CommandLine.</summary>
public static class CommandLineParser
{
    /// <summary>Environment fallback of <c>--uri</c>.</summary>
    public const string UriVariable = "QDRANT_URI";

    /// <summary>Environment fallback of <c>--bootstrap</c>.</summary>
    public const string BootstrapVariable = "QDRANT_BOOTSTRAP";

    /// <summary>
    /// Parses <paramref name="args"/>. Returns options to start with, or what to print and the exit code
    /// (help, version, or a usage error). <paramref name="environment"/> supplies the URI fallbacks.
    /// </summary>
    public static CommandLineParseResult Parse(IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);

        var cli = new Cli();
        var parsed = cli.Root.Parse(args);

        if (parsed.Action is HelpAction)
        {
            using var output = new StringWriter();
            parsed.Invoke(new InvocationConfiguration { Output = output, Error = output });
            return CommandLineParseResult.Print(output.ToString().TrimEnd());
        }

        if (parsed.Errors.Count > 0)
        {
            return CommandLineParseResult.Fail(string.Join(Environment.NewLine, parsed.Errors.Select(error => error.Message)));
        }

        if (parsed.Action is not null && ReferenceEquals(parsed.Action, cli.Version.Action))
        {
            return CommandLineParseResult.Print($"citadel {VersionText()}");
        }

        if (!TryReadUri(parsed.GetValue(cli.Uri), environment, UriVariable, "--uri", out var uri, out var error)
            || !TryReadUri(parsed.GetValue(cli.Bootstrap), environment, BootstrapVariable, "--bootstrap", out var bootstrap, out error))
        {
            return CommandLineParseResult.Fail(error!);
        }

        var snapshots = new List<CollectionSnapshotArgument>();
        foreach (var text in parsed.GetValue(cli.Snapshot) ?? [])
        {
            if (!CollectionSnapshotArgument.TryParse(text, out var snapshot, out error))
            {
                return CommandLineParseResult.Fail(error!);
            }

            snapshots.Add(snapshot!);
        }

        var warnings = new List<string>();
        if (bootstrap is not null && uri is not null && bootstrap == uri)
        {
            // Joining ourselves cannot work; Qdrant treats this peer as the first one instead.
            warnings.Add($"Bootstrap URI {bootstrap} is the same as this peer's URI; ignoring it and starting as the first peer of a new deployment");
            bootstrap = null;
        }

        return CommandLineParseResult.Start(new CommandLineOptions
        {
            Uri = uri,
            Bootstrap = bootstrap,
            ConfigPath = parsed.GetValue(cli.ConfigPath),
            Snapshots = snapshots,
            StorageSnapshot = parsed.GetValue(cli.StorageSnapshot),
            ForceSnapshot = parsed.GetValue(cli.ForceSnapshot),
            DisableTelemetry = parsed.GetValue(cli.DisableTelemetry),
            Stacktrace = parsed.GetValue(cli.Stacktrace),
            Reinit = parsed.GetValue(cli.Reinit),
            Warnings = warnings,
        });
    }

    private static bool TryReadUri(
        string? value, IReadOnlyDictionary<string, string> environment, string variable, string flag, out Uri? uri, out string? error)
    {
        uri = null;
        error = null;
        var origin = $"'{flag} <URI>'";

        // clap-style env fallback: the flag wins; an empty variable counts as absent.
        if (value is null && environment.TryGetValue(variable, out var fromEnvironment) && fromEnvironment.Length > 0)
        {
            value = fromEnvironment;
            origin = $"environment variable {variable}";
        }

        if (value is null)
        {
            return true;
        }

        if (Uri.TryCreate(value, UriKind.Absolute, out var parsed)
            && (parsed.Scheme == System.Uri.UriSchemeHttp || parsed.Scheme == System.Uri.UriSchemeHttps)
            && parsed.Host.Length > 0)
        {
            uri = parsed;
            return true;
        }

        error = $"invalid value '{value}' for {origin}: expected an absolute http:// or https:// URI, e.g. http://10.0.0.1:6335";
        return false;
    }

    private static string VersionText()
    {
        var assembly = typeof(CommandLineParser).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

        // Drop the "+commit" build metadata the SDK appends; people compare release numbers.
        return informational?.Split('+')[0] ?? assembly.GetName().Version?.ToString() ?? "unknown";
    }

    /// <summary>The command and its options; a fresh set per parse keeps parsing free of shared state.</summary>
    private sealed class Cli
    {
        public Cli()
        {
            Root = new RootCommand("Citadel: a vector database node, compatible with Qdrant's REST and gRPC APIs.");

            // Replace the default version option to offer clap's -V as well.
            foreach (var option in Root.Options.OfType<VersionOption>().ToList())
            {
                Root.Options.Remove(option);
            }

            Root.Options.Add(Version);
            Root.Options.Add(Bootstrap);
            Root.Options.Add(Uri);
            Root.Options.Add(ForceSnapshot);
            Root.Options.Add(Snapshot);
            Root.Options.Add(StorageSnapshot);
            Root.Options.Add(ConfigPath);
            Root.Options.Add(DisableTelemetry);
            Root.Options.Add(Stacktrace);
            Root.Options.Add(Reinit);
        }

        public RootCommand Root { get; }

        public VersionOption Version { get; } = new("--version", "-V");

        public Option<string?> Bootstrap { get; } = new("--bootstrap")
        {
            HelpName = "URI",
            Description = $"p2p URI of a peer of an existing cluster to join. Without it this peer starts a new cluster. [env: {BootstrapVariable}]",
        };

        public Option<string?> Uri { get; } = new("--uri")
        {
            HelpName = "URI",
            Description = $"p2p URI under which other peers reach this one. Required for the first peer of a new cluster. [env: {UriVariable}]",
        };

        public Option<bool> ForceSnapshot { get; } = new("--force-snapshot", "-f")
        {
            Description = "Replace existing collections when recovering from --snapshot or --storage-snapshot.",
        };

        public Option<string[]> Snapshot { get; } = new("--snapshot", "--collection-snapshot")
        {
            HelpName = "PATH:NAME",
            Description = "Recover a collection from a snapshot file at start-up; may be repeated. Not for collections of a running cluster: use the recover API there.",
            AllowMultipleArgumentsPerToken = false,
        };

        public Option<string?> StorageSnapshot { get; } = new("--storage-snapshot")
        {
            HelpName = "PATH",
            Description = "Recover all collections from a full storage snapshot at start-up (takes precedence over --snapshot).",
        };

        public Option<string?> ConfigPath { get; } = new("--config-path")
        {
            HelpName = "PATH",
            Description = "Additional configuration file, applied over config/config, config/{RUN_MODE} and config/local.",
        };

        public Option<bool> DisableTelemetry { get; } = new("--disable-telemetry")
        {
            Description = "Disable usage reporting (same as telemetry_disabled: true).",
        };

        public Option<bool> Stacktrace { get; } = new("--stacktrace")
        {
            Description = "Run the stack-trace collector helper and exit (debugging aid).",
        };

        public Option<bool> Reinit { get; } = new("--reinit")
        {
            Description = "Reinitialise consensus: with --bootstrap, drop local consensus state and resync from the bootstrap peer; without it, make this peer the sole voter.",
        };
    }
}
