using System.Collections.Immutable;
using System.Text.Json;
using Citadel.Common.Errors;
using Citadel.Storage.Index.Payload.Schema;
using Citadel.Storage.IO;
using Microsoft.Extensions.Logging;

namespace Citadel.Storage.Collections;

/// <summary>
/// The node's collections (Qdrant's table of contents). Metadata is a <see cref="CollectionCatalog"/>; this class
/// makes the files and open shards on this node match it (<see cref="Reconcile"/>). On a single node
/// <see cref="Apply"/> computes the next catalog and reconciles; in a cluster the replicated catalog drives
/// <see cref="Reconcile"/> directly. Lookups are lock-free snapshots.
/// </summary>
public sealed partial class CollectionManager : IDisposable
{
    private const string ConfigFile = "config.json";
    private const string MetaFile = "meta.json";
    private const string AliasesFile = "aliases.json";

    private readonly string _collectionsDirectory;
    private readonly string _storageDirectory;
    private readonly ILogger _logger;
    private readonly object _metaGate = new();
    private readonly Timer _maintenance;
    private volatile Dictionary<string, Collection> _collections;
    private volatile CollectionCatalog _catalog;
    private int _maintaining;
    private bool _disposed;

    private CollectionManager(string storageDirectory, CollectionDefaults defaults, ulong? localPeer, ILogger logger, Dictionary<string, Collection> collections, CollectionCatalog catalog)
    {
        _storageDirectory = storageDirectory;
        _collectionsDirectory = Path.Combine(storageDirectory, "collections");
        Defaults = defaults;
        LocalPeer = localPeer;
        _logger = logger;
        _collections = collections;
        _catalog = catalog;
        _maintenance = new Timer(_ => RunMaintenance(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    /// <summary>Defaults for new collections.</summary>
    public CollectionDefaults Defaults { get; }

    /// <summary>This node's peer id in a cluster (collections owned by other peers have no local shards); null on a single node.</summary>
    public ulong? LocalPeer { get; }

    /// <summary>The metadata this node currently materialises.</summary>
    public CollectionCatalog Catalog => _catalog;

    /// <summary>Loads every collection under <c>{storage}/collections</c> and the aliases.</summary>
    public static CollectionManager Open(string storageDirectory, CollectionDefaults defaults, ILogger logger, ulong? localPeer = null)
    {
        var collectionsDir = Path.Combine(storageDirectory, "collections");
        Directory.CreateDirectory(collectionsDir);
        var collections = new Dictionary<string, Collection>(StringComparer.Ordinal);
        var entries = ImmutableSortedDictionary.CreateBuilder<string, CatalogEntry>(StringComparer.Ordinal);
        WorkDirectories.Settle(collectionsDir);
        foreach (var dir in Directory.EnumerateDirectories(collectionsDir))
        {
            var name = Path.GetFileName(dir);

            var configPath = Path.Combine(dir, ConfigFile);
            if (!File.Exists(configPath))
            {
                LogSkippedCollection(logger, dir);
                continue;
            }

            using var doc = JsonDocument.Parse(File.ReadAllBytes(configPath), Payloads.PayloadJson.DocumentOptions);
            var config = CollectionConfigJson.Read(doc.RootElement);
            var (uuid, owner) = ReadMeta(dir);
            var collection = Collection.Open(name, dir, config, uuid, owner, IsLocal(owner, localPeer));
            collections[name] = collection;
            entries[name] = new CatalogEntry(name, uuid, owner, config, collection.PayloadSchema);
            LogLoadedCollection(logger, name, collection.PointCount);
        }

        var aliases = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var aliasesPath = Path.Combine(storageDirectory, AliasesFile);
        if (File.Exists(aliasesPath))
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(aliasesPath));
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (collections.ContainsKey(p.Value.GetString()!))
                {
                    aliases[p.Name] = p.Value.GetString()!;
                }
            }
        }

        return new CollectionManager(storageDirectory, defaults, localPeer, logger, collections, new CollectionCatalog(entries.ToImmutable(), aliases.ToImmutable()));
    }

    /// <summary>
    /// How many collections storage holds and how many of them a cluster placed (they name an owner peer), read
    /// before opening anything: the cluster start-up decision needs it before it knows this node's peer id.
    /// </summary>
    public static (int Collections, int ClusterOwned) Survey(string storageDirectory)
    {
        var collectionsDir = Path.Combine(storageDirectory, "collections");
        if (!Directory.Exists(collectionsDir))
        {
            return (0, 0);
        }

        var total = 0;
        var owned = 0;
        foreach (var dir in Directory.EnumerateDirectories(collectionsDir))
        {
            if (WorkDirectories.IsWorkDirectory(Path.GetFileName(dir)) || !File.Exists(Path.Combine(dir, ConfigFile)))
            {
                continue;
            }

            total++;
            var meta = Path.Combine(dir, MetaFile);
            if (File.Exists(meta))
            {
                using var doc = JsonDocument.Parse(File.ReadAllBytes(meta));
                owned += doc.RootElement.TryGetProperty("owner_peer", out _) ? 1 : 0;
            }
        }

        return (total, owned);
    }

    /// <summary>Collection names, sorted.</summary>
    public IReadOnlyList<string> CollectionNames => [.. _catalog.Collections.Keys];

    /// <summary>Alias → collection, sorted by alias.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Aliases => [.. _catalog.Aliases];

    /// <summary>True when a collection (not an alias) has this name.</summary>
    public bool CollectionExists(string name) => _catalog.Collections.ContainsKey(name);

    /// <summary>The collection called <paramref name="nameOrAlias"/>, resolving aliases; throws Qdrant's Not found.</summary>
    public Collection Get(string nameOrAlias) => TryGet(nameOrAlias)
        ?? throw CitadelException.NotFound($"Collection `{nameOrAlias}` doesn't exist!");

    /// <summary>The collection, resolving aliases, or null.</summary>
    public Collection? TryGet(string nameOrAlias) =>
        _catalog.Resolve(nameOrAlias) is { } entry ? _collections.GetValueOrDefault(entry.Name) : null;

    /// <summary>
    /// Applies one metadata operation on a single node: validates it against the catalog, then makes storage match.
    /// Returns Qdrant's answer (false when it changed nothing, e.g. deleting a missing collection).
    /// </summary>
    public bool Apply(CollectionMetaOperation operation)
    {
        lock (_metaGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var (next, result) = _catalog.Apply(operation);
            ReconcileLocked(next);
            return result;
        }
    }

    /// <summary>
    /// Makes this node's collections match <paramref name="desired"/>: creates, re-configures, re-indexes and deletes
    /// collections (shards only where this node is the owner) and rewrites the aliases. Idempotent.
    /// </summary>
    public void Reconcile(CollectionCatalog desired)
    {
        lock (_metaGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            ReconcileLocked(desired);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_metaGate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _maintenance.Dispose();
            while (Volatile.Read(ref _maintaining) != 0)
            {
                Thread.Sleep(10);
            }

            foreach (var c in _collections.Values)
            {
                c.Dispose();
            }
        }
    }

    private static bool IsLocal(ulong? owner, ulong? localPeer) => localPeer is null || owner is null || owner == localPeer;

    private void ReconcileLocked(CollectionCatalog desired)
    {
        var collections = new Dictionary<string, Collection>(_collections, StringComparer.Ordinal);
        var removed = new List<Collection>();
        foreach (var (name, current) in _collections)
        {
            if (desired.Collections.GetValueOrDefault(name) is not { } entry || entry.Uuid != current.Uuid || IsLocal(entry.Owner, LocalPeer) != current.IsLocal)
            {
                collections.Remove(name);
                removed.Add(current);
            }
        }

        if (removed.Count > 0)
        {
            // Publish first: new lookups stop finding what is about to be deleted.
            _collections = new Dictionary<string, Collection>(collections, StringComparer.Ordinal);
            foreach (var collection in removed)
            {
                Remove(collection);
            }
        }

        foreach (var (name, entry) in desired.Collections)
        {
            if (!collections.TryGetValue(name, out var collection))
            {
                collections[name] = Materialize(entry);
                continue;
            }

            if (ConfigText(collection.Config) != ConfigText(entry.Config))
            {
                WriteConfig(collection.Directory, entry.Config);
                collection.Reconfigure(entry.Config);
            }

            if (collection.Owner != entry.Owner)
            {
                // Same shards, new owner id (a single node's collections adopted by the cluster it founded).
                WriteMeta(collection.Directory, collection.Uuid, entry.Owner);
                collection.Owner = entry.Owner;
            }

            SyncPayloadSchema(collection, entry.Schema);
        }

        if (!desired.Aliases.SequenceEqual(_catalog.Aliases))
        {
            SaveAliases(desired.Aliases);
        }

        _collections = collections;
        _catalog = desired;
    }

    private Collection Materialize(CatalogEntry entry)
    {
        // Build in a scratch directory and rename into place, so a crash never leaves half a collection.
        var scratch = WorkDirectories.NewCreating(_collectionsDirectory);
        Directory.CreateDirectory(scratch);
        WriteConfig(scratch, entry.Config);
        WriteMeta(scratch, entry.Uuid, entry.Owner);
        var final = Path.Combine(_collectionsDirectory, entry.Name);
        Directory.Move(scratch, final);
        DurableFile.SyncDirectory(_collectionsDirectory);
        var collection = Collection.Open(entry.Name, final, entry.Config, entry.Uuid, entry.Owner, IsLocal(entry.Owner, LocalPeer));
        SyncPayloadSchema(collection, entry.Schema);
        return collection;
    }

    private static void SyncPayloadSchema(Collection collection, PayloadSchema desired)
    {
        foreach (var field in collection.PayloadSchema.Fields)
        {
            if (desired.Find(field.Path) is null)
            {
                collection.DropPayloadIndex(field.Path);
            }
        }

        foreach (var field in desired.Fields)
        {
            collection.CreatePayloadIndex(field.Path, field.Schema);
        }
    }

    private void Remove(Collection collection)
    {
        collection.Dispose();
        var tomb = WorkDirectories.NewDeleted(_collectionsDirectory);
        Directory.Move(collection.Directory, tomb);
        DurableFile.SyncDirectory(_collectionsDirectory);
        Directory.Delete(tomb, recursive: true);
    }

    private void RunMaintenance()
    {
        if (Interlocked.Exchange(ref _maintaining, 1) != 0)
        {
            return;
        }

        try
        {
            foreach (var c in _collections.Values)
            {
                if (_disposed)
                {
                    return;
                }

                try
                {
                    c.Maintain();
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
                {
                    LogMaintenanceFailed(_logger, c.Name, e);
                }
            }
        }
        finally
        {
            Volatile.Write(ref _maintaining, 0);
        }
    }

    private void SaveAliases(IEnumerable<KeyValuePair<string, string>> aliases) =>
        DurableFile.Write(Path.Combine(_storageDirectory, AliasesFile), s =>
        {
            using var w = new Utf8JsonWriter(s);
            w.WriteStartObject();
            foreach (var (alias, collection) in aliases.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                w.WriteString(alias, collection);
            }

            w.WriteEndObject();
        });

    private static string ConfigText(CollectionConfig config)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            CollectionConfigJson.Write(w, config);
        }

        return System.Text.Encoding.UTF8.GetString(ms.ToArray());
    }

    private static void WriteConfig(string directory, CollectionConfig config) =>
        DurableFile.Write(Path.Combine(directory, ConfigFile), s =>
        {
            using var w = new Utf8JsonWriter(s, new JsonWriterOptions { Indented = true });
            CollectionConfigJson.Write(w, config);
        });

    private static void WriteMeta(string directory, Guid uuid, ulong? owner) =>
        DurableFile.Write(Path.Combine(directory, MetaFile), s =>
        {
            using var w = new Utf8JsonWriter(s);
            w.WriteStartObject();
            w.WriteString("uuid", uuid);
            if (owner is { } o)
            {
                w.WriteNumber("owner_peer", o);
            }

            w.WriteEndObject();
        });

    /// <summary>The collection's identity and owner; collections written before these existed get a fresh identity.</summary>
    private static (Guid Uuid, ulong? Owner) ReadMeta(string directory)
    {
        var path = Path.Combine(directory, MetaFile);
        if (!File.Exists(path))
        {
            var uuid = Guid.NewGuid();
            WriteMeta(directory, uuid, null);
            return (uuid, null);
        }

        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var owner = doc.RootElement.TryGetProperty("owner_peer", out var o) ? o.GetUInt64() : (ulong?)null;
        return (doc.RootElement.GetProperty("uuid").GetGuid(), owner);
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Loaded collection {Collection} with {Points} points")]
    private static partial void LogLoadedCollection(ILogger logger, string collection, long points);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Skipped directory {Directory}: it has no config.json")]
    private static partial void LogSkippedCollection(ILogger logger, string directory);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Error, Message = "Background maintenance of collection {Collection} failed; the WAL keeps every change")]
    private static partial void LogMaintenanceFailed(ILogger logger, string collection, Exception exception);
}
