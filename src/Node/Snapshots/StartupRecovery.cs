using System.Text.Json;
using Citadel.Common.Errors;
using Citadel.Node.Configuration;
using Citadel.Storage.Collections;
using Citadel.Storage.Snapshots;

namespace Citadel.Node.Snapshots;

/// <summary>
/// Qdrant's start-up recovery: <c>--storage-snapshot PATH</c> (every collection and alias of a full snapshot) or else
/// each <c>--snapshot PATH:NAME</c>, before the servers start. An existing collection is replaced only with
/// <c>--force-snapshot</c>; otherwise start-up fails naming it, as in Qdrant. Work files of snapshots, uploads and
/// downloads that a crash interrupted are deleted first.
/// </summary>
internal static partial class StartupRecovery
{
    /// <summary>Runs the requested recoveries; false (after logging why) when the node must not start.</summary>
    public static async Task<bool> RunAsync(CommandLineOptions cli, NodeSettings settings, CollectionManager collections, ILoggerFactory loggers)
    {
        new SnapshotStore(settings.Storage).DeleteWorkFiles();
        if (cli.StorageSnapshot is null && cli.Snapshots.Count == 0)
        {
            return true;
        }

        var log = loggers.CreateLogger("Citadel.Snapshots");
        var snapshots = new CollectionSnapshots(collections, new SnapshotStore(settings.Storage), loggers.CreateLogger<CollectionSnapshots>());
        try
        {
            if (cli.StorageSnapshot is { } full)
            {
                await RecoverFullAsync(full, cli.ForceSnapshot, collections, snapshots, settings.Storage.Snapshots.MinFreeDiskMb * 1024 * 1024);
                return true;
            }

            foreach (var snapshot in cli.Snapshots)
            {
                await RecoverOneAsync(snapshot.CollectionName, Path.GetFullPath(snapshot.Path), cli.ForceSnapshot, collections, snapshots);
            }

            return true;
        }
        catch (Exception e) when (e is CitadelException or IOException or UnauthorizedAccessException)
        {
            LogFailed(log, e.Message);
            return false;
        }
    }

    private static async Task RecoverOneAsync(string name, string path, bool force, CollectionManager collections, CollectionSnapshots snapshots)
    {
        if (!File.Exists(path))
        {
            throw CitadelException.NotFound($"Snapshot file {path} does not exist");
        }

        if (collections.CollectionExists(name) && !force)
        {
            throw CitadelException.BadRequest($"Collection {name} already exists. Use --force-snapshot to overwrite it.");
        }

        await snapshots.RecoverAsync(name, path);
    }

    private static async Task RecoverFullAsync(string path, bool force, CollectionManager collections, CollectionSnapshots snapshots, long reserveBytes)
    {
        var staged = collections.NewStagingDirectory();
        try
        {
            SnapshotArchiveReader.Extract(Path.GetFullPath(path), staged, SnapshotKind.Full, DiskSpace.Writable(Path.GetDirectoryName(staged)!, reserveBytes));
            var parts = Path.Combine(staged, "collections");
            var files = Directory.Exists(parts) ? Directory.GetFiles(parts, "*" + SnapshotNames.Extension) : [];
            foreach (var file in files.Order(StringComparer.Ordinal))
            {
                await RecoverOneAsync(Path.GetFileName(file)[..^SnapshotNames.Extension.Length], file, force, collections, snapshots);
            }

            var aliases = Path.Combine(staged, "aliases.json");
            if (File.Exists(aliases))
            {
                RestoreAliases(aliases, collections);
            }
        }
        finally
        {
            if (Directory.Exists(staged))
            {
                Directory.Delete(staged, recursive: true);
            }
        }
    }

    private static void RestoreAliases(string file, CollectionManager collections)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
        var actions = doc.RootElement.EnumerateObject()
            .Where(p => p.Value.ValueKind == JsonValueKind.String && collections.CollectionExists(p.Value.GetString()!) && !collections.Catalog.Aliases.ContainsKey(p.Name))
            .Select(p => (AliasAction)new CreateAlias(p.Value.GetString()!, p.Name))
            .ToList();
        if (actions.Count > 0)
        {
            collections.Apply(new ChangeAliasesOperation(actions));
        }
    }

    [LoggerMessage(EventId = 3020, Level = LogLevel.Critical, Message = "Recovering snapshots at start-up failed: {Message}")]
    private static partial void LogFailed(ILogger logger, string message);
}
