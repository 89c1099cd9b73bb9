using System.Text.Json;
using Citadel.Common.Errors;
using Citadel.Storage.IO;
using Microsoft.Extensions.Logging;

namespace Citadel.Storage.Collections;

/// <summary>
/// All collections of a node and their aliases (Qdrant's table of contents). Metadata changes arrive as
/// <see cref="CollectionMetaOperation"/>s and are applied one at a time; lookups are lock-free snapshots.
/// </summary>
public sealed partial class CollectionManager : IDisposable
{
    private const string ConfigFile = "config.json";
    private const string AliasesFile = "aliases.json";

    private readonly string _collectionsDirectory;
    private readonly string _storageDirectory;
    private readonly ILogger _logger;
    private readonly object _metaGate = new();
    private readonly Timer _maintenance;
    private volatile Dictionary<string, Collection> _collections;
    private volatile Dictionary<string, string> _aliases;
    private int _maintaining;
    private bool _disposed;

    private CollectionManager(string storageDirectory, CollectionDefaults defaults, ILogger logger, Dictionary<string, Collection> collections, Dictionary<string, string> aliases)
    {
        _storageDirectory = storageDirectory;
        _collectionsDirectory = Path.Combine(storageDirectory, "collections");
        Defaults = defaults;
        _logger = logger;
        _collections = collections;
        _aliases = aliases;
        _maintenance = new Timer(_ => RunMaintenance(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    /// <summary>Defaults for new collections.</summary>
    public CollectionDefaults Defaults { get; }

    /// <summary>Loads every collection under <c>{storage}/collections</c> and the aliases.</summary>
    public static CollectionManager Open(string storageDirectory, CollectionDefaults defaults, ILogger logger)
    {
        var collectionsDir = Path.Combine(storageDirectory, "collections");
        Directory.CreateDirectory(collectionsDir);
        var collections = new Dictionary<string, Collection>(StringComparer.Ordinal);
        foreach (var dir in Directory.EnumerateDirectories(collectionsDir))
        {
            var name = Path.GetFileName(dir);
            if (name.StartsWith(".deleted-", StringComparison.Ordinal) || name.StartsWith(".creating-", StringComparison.Ordinal))
            {
                // Leftovers of a delete or create that a crash interrupted.
                Directory.Delete(dir, recursive: true);
                continue;
            }

            var configPath = Path.Combine(dir, ConfigFile);
            if (!File.Exists(configPath))
            {
                LogSkippedCollection(logger, dir);
                continue;
            }

            using var doc = JsonDocument.Parse(File.ReadAllBytes(configPath), Payloads.PayloadJson.DocumentOptions);
            var config = CollectionConfigJson.Read(doc.RootElement);
            collections[name] = Collection.Open(name, dir, config);
            LogLoadedCollection(logger, name, collections[name].PointCount);
        }

        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
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

        return new CollectionManager(storageDirectory, defaults, logger, collections, aliases);
    }

    /// <summary>Collection names, sorted.</summary>
    public IReadOnlyList<string> CollectionNames => [.. _collections.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Alias → collection, sorted by alias.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Aliases => [.. _aliases.OrderBy(kv => kv.Key, StringComparer.Ordinal)];

    /// <summary>True when a collection (not an alias) has this name.</summary>
    public bool CollectionExists(string name) => _collections.ContainsKey(name);

    /// <summary>The collection called <paramref name="nameOrAlias"/>, resolving aliases; throws Qdrant's Not found.</summary>
    public Collection Get(string nameOrAlias) => TryGet(nameOrAlias)
        ?? throw CitadelException.NotFound($"Collection `{nameOrAlias}` doesn't exist!");

    /// <summary>The collection, resolving aliases, or null.</summary>
    public Collection? TryGet(string nameOrAlias)
    {
        var aliases = _aliases;
        var name = aliases.TryGetValue(nameOrAlias, out var target) ? target : nameOrAlias;
        return _collections.GetValueOrDefault(name);
    }

    /// <summary>Applies one metadata operation; returns false when it changed nothing (e.g. deleting a missing collection).</summary>
    public bool Apply(CollectionMetaOperation operation)
    {
        lock (_metaGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return operation switch
            {
                CreateCollectionOperation c => CreateCollection(c),
                UpdateCollectionOperation u => UpdateCollection(u),
                DeleteCollectionOperation d => DeleteCollection(d.CollectionName),
                ChangeAliasesOperation a => ChangeAliases(a.Actions),
                CreatePayloadIndexOperation p => CreatePayloadIndex(p),
                DropPayloadIndexOperation p => DropPayloadIndex(p),
                _ => throw new ArgumentException($"Unknown operation {operation.GetType().Name}", nameof(operation)),
            };
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

    private bool CreateCollection(CreateCollectionOperation op)
    {
        NameRules.Validate(op.CollectionName);
        if (_collections.ContainsKey(op.CollectionName))
        {
            throw new CitadelException(ErrorKind.AlreadyExists, $"Collection `{op.CollectionName}` already exists!");
        }

        if (_aliases.ContainsKey(op.CollectionName))
        {
            throw new CitadelException(ErrorKind.AlreadyExists, $"Alias `{op.CollectionName}` already exists!");
        }

        ValidateConfig(op.Config);

        // Build in a scratch directory and rename into place, so a crash never leaves half a collection.
        var scratch = Path.Combine(_collectionsDirectory, $".creating-{Guid.NewGuid():N}");
        Directory.CreateDirectory(scratch);
        WriteConfig(scratch, op.Config);
        var final = Path.Combine(_collectionsDirectory, op.CollectionName);
        Directory.Move(scratch, final);
        DurableFile.SyncDirectory(_collectionsDirectory);
        var collection = Collection.Open(op.CollectionName, final, op.Config);
        _collections = new Dictionary<string, Collection>(_collections, StringComparer.Ordinal) { [op.CollectionName] = collection };
        return true;
    }

    private bool UpdateCollection(UpdateCollectionOperation op)
    {
        var collection = _collections.GetValueOrDefault(op.CollectionName)
            ?? throw CitadelException.NotFound($"Collection `{op.CollectionName}` doesn't exist!");
        var updated = CollectionUpdates.Apply(collection.Config, op.Update);
        ValidateConfig(updated);
        WriteConfig(collection.Directory, updated);
        collection.Reconfigure(updated);
        return true;
    }

    private bool DeleteCollection(string name)
    {
        if (!_collections.TryGetValue(name, out var collection))
        {
            return false;
        }

        var remaining = new Dictionary<string, Collection>(_collections, StringComparer.Ordinal);
        remaining.Remove(name);
        _collections = remaining;
        var aliases = _aliases.Where(kv => kv.Value != name).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        if (aliases.Count != _aliases.Count)
        {
            SaveAliases(aliases);
            _aliases = aliases;
        }

        collection.Dispose();
        var tomb = Path.Combine(_collectionsDirectory, $".deleted-{Guid.NewGuid():N}");
        Directory.Move(collection.Directory, tomb);
        DurableFile.SyncDirectory(_collectionsDirectory);
        Directory.Delete(tomb, recursive: true);
        return true;
    }

    private bool ChangeAliases(IReadOnlyList<AliasAction> actions)
    {
        var aliases = new Dictionary<string, string>(_aliases, StringComparer.Ordinal);
        foreach (var action in actions)
        {
            switch (action)
            {
                case CreateAlias c:
                    NameRules.Validate(c.AliasName);
                    if (!_collections.ContainsKey(c.CollectionName))
                    {
                        throw CitadelException.NotFound($"Collection `{c.CollectionName}` doesn't exist!");
                    }

                    if (_collections.ContainsKey(c.AliasName))
                    {
                        throw new CitadelException(ErrorKind.AlreadyExists, $"Collection `{c.AliasName}` already exists!");
                    }

                    aliases[c.AliasName] = c.CollectionName;
                    break;
                case DeleteAlias d:
                    if (!aliases.Remove(d.AliasName))
                    {
                        throw CitadelException.NotFound($"Alias {d.AliasName} does not exists!");
                    }

                    break;
                case RenameAlias r:
                    NameRules.Validate(r.NewAliasName);
                    if (!aliases.Remove(r.OldAliasName, out var target))
                    {
                        throw CitadelException.NotFound($"Alias {r.OldAliasName} does not exists!");
                    }

                    if (_collections.ContainsKey(r.NewAliasName))
                    {
                        throw new CitadelException(ErrorKind.AlreadyExists, $"Collection `{r.NewAliasName}` already exists!");
                    }

                    aliases[r.NewAliasName] = target;
                    break;
            }
        }

        SaveAliases(aliases);
        _aliases = aliases;
        return true;
    }

    private void SaveAliases(Dictionary<string, string> aliases) =>
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

    private static void WriteConfig(string directory, CollectionConfig config) =>
        DurableFile.Write(Path.Combine(directory, ConfigFile), s =>
        {
            using var w = new Utf8JsonWriter(s, new JsonWriterOptions { Indented = true });
            CollectionConfigJson.Write(w, config);
        });

    private static void ValidateConfig(CollectionConfig config)
    {
        if (config.Params.Vectors.Count == 0 && config.Params.SparseVectors is null)
        {
            throw CitadelException.BadInput("At least one vector must be configured");
        }

        foreach (var (name, v) in config.Params.Vectors)
        {
            if (v.Size is < 1 or > VectorParams.MaxSize)
            {
                throw CitadelException.Validation($"vectors{(name.Length > 0 ? "." + name : string.Empty)}.size: value {v.Size} invalid, must be from 1 to {VectorParams.MaxSize}");
            }
        }

        if (config.Params.ShardNumber is < 1 or > 1024)
        {
            throw CitadelException.Validation("shard_number: value must be from 1 to 1024");
        }

        if (config.Params.ReplicationFactor < 1 || config.Params.WriteConsistencyFactor < 1)
        {
            throw CitadelException.Validation("replication_factor and write_consistency_factor must be at least 1");
        }

        if (config.Hnsw.M < 0 || config.Hnsw.EfConstruct < 4 || config.Hnsw.FullScanThreshold < 0)
        {
            throw CitadelException.Validation("hnsw_config: m must be >= 0, ef_construct >= 4, full_scan_threshold >= 0");
        }

        if (config.Optimizers.DeletedThreshold is < 0 or > 1)
        {
            throw CitadelException.Validation("optimizers_config.deleted_threshold: value must be between 0 and 1");
        }

        if (config.Wal.WalCapacityMb < 1)
        {
            throw CitadelException.Validation("wal_config.wal_capacity_mb: value must be at least 1");
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Loaded collection {Collection} with {Points} points")]
    private static partial void LogLoadedCollection(ILogger logger, string collection, long points);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Skipped directory {Directory}: it has no config.json")]
    private static partial void LogSkippedCollection(ILogger logger, string directory);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Error, Message = "Background maintenance of collection {Collection} failed; the WAL keeps every change")]
    private static partial void LogMaintenanceFailed(ILogger logger, string collection, Exception exception);
}
