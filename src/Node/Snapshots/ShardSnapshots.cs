using System.Globalization;
using Citadel.Storage.Collections;
using Citadel.Storage.Snapshots;

namespace Citadel.Node.Snapshots;

/// <summary>
/// Shard snapshots: one shard's checkpoint files with a descriptor. They can be stored (create, list, download,
/// delete) or streamed straight into a response without touching the snapshots directory, which is how a shard is
/// meant to travel between peers.
/// </summary>
internal sealed class ShardSnapshots(CollectionManager collections, SnapshotStore store)
{
    public async Task<SnapshotInfo> CreateAsync(string name, uint shardId)
    {
        var collection = collections.Get(name);
        var shard = collection.GetShard(shardId);
        var entries = await Task.Run(shard.CaptureCheckpointFiles);
        try
        {
            var descriptor = new SnapshotDescriptor(SnapshotKind.Shard, collection.Name, shardId, DateTime.UtcNow);
            return await store.CreateAsync(
                store.ShardDirectory(collection.Name, shardId),
                $"{collection.Name}-shard-{shardId.ToString(CultureInfo.InvariantCulture)}",
                entries.Sum(e => e.Length),
                output => SnapshotArchiveWriter.WriteAsync(output, descriptor, entries, null, CancellationToken.None));
        }
        finally
        {
            SnapshotEntry.DisposeAll(entries);
        }
    }

    /// <summary>Writes a fresh snapshot of the shard to <paramref name="output"/> (a response body).</summary>
    public async Task StreamAsync(string name, uint shardId, Stream output, CancellationToken cancellationToken)
    {
        var collection = collections.Get(name);
        var shard = collection.GetShard(shardId);
        var entries = await Task.Run(shard.CaptureCheckpointFiles, cancellationToken);
        try
        {
            var descriptor = new SnapshotDescriptor(SnapshotKind.Shard, collection.Name, shardId, DateTime.UtcNow);
            await SnapshotArchiveWriter.WriteAsync(output, descriptor, entries, null, cancellationToken);
        }
        finally
        {
            SnapshotEntry.DisposeAll(entries);
        }
    }

    public IReadOnlyList<SnapshotInfo> List(string name, uint shardId) => store.List(Directory(name, shardId));

    public string Locate(string name, uint shardId, string snapshot) => store.Resolve(Directory(name, shardId), snapshot);

    public void Delete(string name, uint shardId, string snapshot) => store.Delete(Directory(name, shardId), snapshot);

    /// <summary>Replaces the shard with the shard snapshot in <paramref name="archive"/>; the shard stays as it was on any failure.</summary>
    public async Task RecoverAsync(string name, uint shardId, string archive)
    {
        var collection = collections.Get(name);
        collection.GetShard(shardId);
        var staged = collections.NewStagingDirectory();
        try
        {
            await Task.Run(() =>
            {
                SnapshotArchiveReader.Extract(archive, staged, SnapshotKind.Shard, DiskSpace.Writable(Path.GetDirectoryName(staged)!, store.ReserveBytes));
                collection.RestoreShard(shardId, staged);
            });
        }
        finally
        {
            if (System.IO.Directory.Exists(staged))
            {
                System.IO.Directory.Delete(staged, recursive: true);
            }
        }
    }

    private string Directory(string name, uint shardId)
    {
        var collection = collections.Get(name);
        collection.GetShard(shardId);
        return store.ShardDirectory(collection.Name, shardId);
    }
}
