using System.Globalization;
using System.Text.Json;
using Citadel.Storage.Index.Payload.Schema;
using Citadel.Storage.Shards;
using Citadel.Storage.Snapshots;

namespace Citadel.Storage.Collections;

public sealed partial class Collection
{
    /// <summary>
    /// The files of a collection snapshot, laid out as the collection directory is on disk: <c>config.json</c>,
    /// <c>payload_index.json</c> when fields are indexed, and each shard's checkpoint under <c>{shard_id}/</c>. Shards are
    /// checkpointed one after another; each shard's part is consistent at its checkpoint.
    /// </summary>
    public IReadOnlyList<SnapshotEntry> CaptureSnapshot()
    {
        var entries = new List<SnapshotEntry>();
        try
        {
            entries.Add(SnapshotEntry.FromBytes(ConfigFileName, ConfigJson(Config)));
            var schemaFile = Path.Combine(Directory, PayloadSchema.FileName);
            if (File.Exists(schemaFile))
            {
                entries.Add(SnapshotEntry.FromBytes(PayloadSchema.FileName, File.ReadAllBytes(schemaFile)));
            }

            foreach (var shard in _shards)
            {
                var prefix = shard.Id.ToString(CultureInfo.InvariantCulture) + "/";
                foreach (var file in shard.CaptureCheckpointFiles())
                {
                    entries.Add(new SnapshotEntry(prefix + file.Path, file.Content));
                }
            }
        }
        catch
        {
            SnapshotEntry.DisposeAll(entries);
            throw;
        }

        return entries;
    }

    /// <summary>The shard with this id; Qdrant's message when there is none.</summary>
    public Shard GetShard(uint shardId) => shardId < _shards.Length
        ? _shards[shardId]
        : throw Common.Errors.CitadelException.NotFound($"Shard {shardId} of {Name} not found");

    /// <summary>
    /// Replaces shard <paramref name="shardId"/> with the shard files unpacked in <paramref name="staged"/> (a directory on
    /// the collection's file system, e.g. from <see cref="CollectionManager.NewStagingDirectory"/>). The staged shard is
    /// opened where it lies first, so one that does not load is refused (400) and the current shard stays. Requests
    /// running on the old shard while it is swapped may fail; later ones see the restored shard.
    /// The swap is two renames with the old shard parked at <c>{id}.replaced</c> in between: when a rename or the
    /// opening fails, the old shard is put back and reopened; when the process dies in between,
    /// <see cref="SettleInterruptedRestore"/> finishes the job on the next start either way.
    /// </summary>
    public void RestoreShard(uint shardId, string staged)
    {
        GetShard(shardId);
        var options = ShardOptionsFor(Config);
        try
        {
            Shard.Open(shardId, staged, options).Dispose();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw SnapshotDescriptor.Invalid($"its data does not load ({e.Message})");
        }

        lock (_shards)
        {
            var directory = ShardDirectory(Directory, shardId);
            var parked = directory + ReplacedSuffix;
            _shards[shardId].Dispose();
            Shard restored;
            try
            {
                restored = IO.DirectorySwap.Replace(directory, staged, parked, parkLive: true, () => OpenWithIndexes(shardId, directory, options));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The staged copy opened a moment ago, so this is the disk failing: the old shard is back; serve it.
                Volatile.Write(ref _shards[shardId], OpenWithIndexes(shardId, directory, options));
                throw;
            }

            Volatile.Write(ref _shards[shardId], restored);
            System.IO.Directory.Delete(parked, recursive: true);
        }
    }

    /// <summary>
    /// Finishes a shard restore that a crash interrupted between its two renames: with the restored shard in place the
    /// parked old one is deleted; without it the old one is renamed back, as if the restore had not started.
    /// </summary>
    internal static void SettleInterruptedRestore(string collectionDirectory, uint shardId)
    {
        var directory = ShardDirectory(collectionDirectory, shardId);
        var parked = directory + ReplacedSuffix;
        if (!System.IO.Directory.Exists(parked))
        {
            return;
        }

        if (System.IO.Directory.Exists(directory))
        {
            System.IO.Directory.Delete(parked, recursive: true);
        }
        else
        {
            System.IO.Directory.Move(parked, directory);
            IO.DurableFile.SyncDirectory(collectionDirectory);
        }
    }

    private const string ReplacedSuffix = ".replaced";

    private static string ShardDirectory(string collectionDirectory, uint shardId) =>
        Path.Combine(collectionDirectory, shardId.ToString(CultureInfo.InvariantCulture));

    private Shard OpenWithIndexes(uint shardId, string directory, ShardOptions options)
    {
        var shard = Shard.Open(shardId, directory, options);
        if (PayloadSchema.Count > 0)
        {
            shard.SetPayloadIndexes(PayloadSchema);
        }

        return shard;
    }

    internal const string ConfigFileName = "config.json";

    internal static byte[] ConfigJson(CollectionConfig config)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            CollectionConfigJson.Write(w, config);
        }

        return ms.ToArray();
    }
}
