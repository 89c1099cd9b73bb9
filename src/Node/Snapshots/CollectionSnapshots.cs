using System.Diagnostics;
using Citadel.Storage.Collections;
using Citadel.Storage.Snapshots;

namespace Citadel.Node.Snapshots;

/// <summary>Collection snapshots: create, list, locate for download, delete, and restore from an archive file.</summary>
internal sealed partial class CollectionSnapshots(CollectionManager collections, SnapshotStore store, ILogger<CollectionSnapshots> logger)
{
    /// <summary>Snapshots a collection (aliases resolve to it). Writes go on meanwhile.</summary>
    public async Task<SnapshotInfo> CreateAsync(string name)
    {
        var collection = collections.Get(name);
        var started = Stopwatch.GetTimestamp();
        LogCreating(logger, collection.Name);

        // Checkpointing is synchronous disk work; keep it off the request thread.
        var entries = await Task.Run(collection.CaptureSnapshot);
        try
        {
            var descriptor = new SnapshotDescriptor(SnapshotKind.Collection, collection.Name, null, DateTime.UtcNow);
            var total = entries.Sum(e => e.Length);
            var progress = new SnapshotProgress(logger, collection.Name, total);
            var info = await store.CreateAsync(
                store.CollectionDirectory(collection.Name),
                collection.Name,
                total,
                output => SnapshotArchiveWriter.WriteAsync(output, descriptor, entries, progress, CancellationToken.None));
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            LogCreated(logger, info.Name, info.Size, seconds);
            return info;
        }
        finally
        {
            SnapshotEntry.DisposeAll(entries);
        }
    }

    public IReadOnlyList<SnapshotInfo> List(string name) => store.List(store.CollectionDirectory(collections.Get(name).Name));

    /// <summary>The file of a snapshot, for download; 404 for a missing collection or snapshot.</summary>
    public string Locate(string name, string snapshot) => store.Resolve(store.CollectionDirectory(collections.Get(name).Name), snapshot);

    public void Delete(string name, string snapshot) => store.Delete(store.CollectionDirectory(collections.Get(name).Name), snapshot);

    /// <summary>
    /// Replaces (or creates) collection <paramref name="name"/> with the collection snapshot in <paramref name="archive"/>:
    /// unpacked into a staging directory, opened there, then swapped in. On any failure the staging directory is removed
    /// and the existing collection is untouched.
    /// </summary>
    public async Task RecoverAsync(string name, string archive)
    {
        NameRules.Validate(name);
        var started = Stopwatch.GetTimestamp();
        var bytes = new FileInfo(archive).Length;
        LogRecovering(logger, name, bytes);
        var staged = collections.NewStagingDirectory();
        try
        {
            await Task.Run(() =>
            {
                SnapshotArchiveReader.Extract(archive, staged, SnapshotKind.Collection, DiskSpace.Writable(Path.GetDirectoryName(staged)!, store.ReserveBytes));
                collections.RestoreCollection(name, staged);
            });
        }
        finally
        {
            if (Directory.Exists(staged))
            {
                Directory.Delete(staged, recursive: true);
            }
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        LogRecovered(logger, name, seconds);
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Creating a snapshot of collection {Collection}")]
    private static partial void LogCreating(ILogger logger, string collection);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Created snapshot {Snapshot}: {Bytes} bytes in {Seconds:F2} s")]
    private static partial void LogCreated(ILogger logger, string snapshot, long bytes, double seconds);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Recovering collection {Collection} from a snapshot of {Bytes} bytes")]
    private static partial void LogRecovering(ILogger logger, string collection, long bytes);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Recovered collection {Collection} in {Seconds:F2} s")]
    private static partial void LogRecovered(ILogger logger, string collection, double seconds);
}
