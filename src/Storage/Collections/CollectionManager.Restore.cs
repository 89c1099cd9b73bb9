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
    /// after a crash.
    /// </summary>
    public string NewStagingDirectory() => Path.Combine(_collectionsDirectory, $".creating-{Guid.NewGuid():N}");

    /// <summary>
    /// Replaces collection <paramref name="name"/> (or creates it) with the collection unpacked in
    /// <paramref name="staged"/> (from <see cref="NewStagingDirectory"/>). The staged collection is opened once where it
    /// lies first: a snapshot that does not load is refused (400) and the existing collection stays as it was. Only
    /// then is the old collection removed and the staged one renamed into place, under the metadata lock.
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
            if (collections.Remove(name, out var old))
            {
                _collections = new Dictionary<string, Collection>(collections, StringComparer.Ordinal);
                Remove(old);
            }

            var final = Path.Combine(_collectionsDirectory, name);
            Directory.Move(staged, final);
            DurableFile.SyncDirectory(_collectionsDirectory);
            var collection = Collection.Open(name, final, config, uuid, null, isLocal: true);
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
