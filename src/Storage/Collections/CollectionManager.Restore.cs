using System.Text.Json;
using Microsoft.Extensions.Logging;
using Citadel.Common.Errors;
using Citadel.Storage.IO;
using Citadel.Storage.Snapshots;

namespace Citadel.Storage.Collections;

public sealed partial class CollectionManager
{
    /// <summary>
    /// A fresh directory path next to the collections, where a snapshot is unpacked before it replaces a collection.
    /// It is on the same file system (the swap is a rename) and named like an interrupted create, so start-up deletes it
    /// after a crash (unless the crash interrupted the swap itself: see <see cref="RestoreCollection"/>).
    /// </summary>
    public string NewStagingDirectory() => WorkDirectories.NewCreating(_collectionsDirectory);

    /// <summary>
    /// Replaces collection <paramref name="name"/> (or creates it) with the collection unpacked in
    /// <paramref name="staged"/> (from <see cref="NewStagingDirectory"/>). The staged collection is opened once where it
    /// lies first: a snapshot that does not load is refused (400) and the existing collection stays as it was. Only
    /// then, under the metadata lock, is the old collection renamed away and the staged one renamed into place. The
    /// staged directory names its collection first (<see cref="WorkDirectories.RestoreTargetFile"/>), so a crash
    /// between the two renames finishes the restore at start-up instead of losing both; when a rename or the opening
    /// fails in process, the old collection goes back.
    /// </summary>
    public void RestoreCollection(string name, string staged)
    {
        NameRules.Validate(name);
        if (LocalPeer is not null)
        {
            // The catalog is replicated in a cluster; a restore on one node would make it diverge.
            throw CitadelException.BadRequest("Recovering a collection snapshot is not supported in cluster mode yet");
        }

        var config = ReadStagedConfig(staged);
        var uuid = Guid.NewGuid();
        WriteMeta(staged, uuid, null);
        ValidateByOpening(name, staged, config, uuid);
        lock (_metaGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_catalog.Aliases.ContainsKey(name))
            {
                throw new CitadelException(ErrorKind.AlreadyExists, $"Alias `{name}` already exists!");
            }

            var collections = new Dictionary<string, Collection>(_collections, StringComparer.Ordinal);
            var final = Path.Combine(_collectionsDirectory, name);
            DurableFile.Write(Path.Combine(staged, WorkDirectories.RestoreTargetFile), s => s.Write(System.Text.Encoding.UTF8.GetBytes(name)));
            collections.TryGetValue(name, out var old);
            old?.Dispose();
            var tomb = WorkDirectories.NewDeleted(_collectionsDirectory);
            Collection collection;
            try
            {
                collection = DirectorySwap.Replace(final, staged, tomb, parkLive: old is not null, () =>
                {
                    File.Delete(Path.Combine(final, WorkDirectories.RestoreTargetFile));
                    return Collection.Open(name, final, config, uuid, null, isLocal: true);
                });
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The staged copy opened a moment ago, so this is the disk failing: the old collection is back; serve it.
                if (old is not null)
                {
                    _collections = new Dictionary<string, Collection>(_collections, StringComparer.Ordinal)
                    {
                        [name] = Collection.Open(name, final, old.Config, old.Uuid, old.Owner, isLocal: true),
                    };
                }

                throw;
            }

            if (old is not null)
            {
                Directory.Delete(tomb, recursive: true);
            }

            collections[name] = collection;
            _collections = collections;
            _catalog = _catalog with
            {
                Collections = _catalog.Collections.SetItem(name, new CatalogEntry(name, uuid, null, config, collection.PayloadSchema)),
            };
        }

        LogRestoredCollection(_logger, name, _collections[name].PointCount);
    }

    private static CollectionConfig ReadStagedConfig(string staged)
    {
        var path = Path.Combine(staged, ConfigFile);
        if (!File.Exists(path))
        {
            throw SnapshotDescriptor.Invalid($"it has no {ConfigFile}");
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path), Payloads.PayloadJson.DocumentOptions);
            var config = CollectionConfigJson.Read(doc.RootElement);
            CollectionConfigRules.Validate(config);
            return config;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException or ArgumentException or CitadelException)
        {
            throw SnapshotDescriptor.Invalid($"its {ConfigFile} is not a collection configuration ({e.Message})");
        }
    }

    private static void ValidateByOpening(string name, string staged, CollectionConfig config, Guid uuid)
    {
        try
        {
            Collection.Open(name, staged, config, uuid, null, isLocal: true).Dispose();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Whatever the damaged files made the loader throw, the answer is the same: this snapshot cannot be restored.
            throw SnapshotDescriptor.Invalid($"its data does not load ({e.Message})");
        }
    }

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Restored collection {Collection} from a snapshot: {Points} points")]
    private static partial void LogRestoredCollection(ILogger logger, string collection, long points);
}
