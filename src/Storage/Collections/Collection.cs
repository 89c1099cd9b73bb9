using Citadel.Common.Errors;
using Citadel.Storage.Filtering;
using Citadel.Storage.Operations;
using Citadel.Storage.Points;
using Citadel.Storage.Search;
using Citadel.Storage.Shards;

namespace Citadel.Storage.Collections;

/// <summary>
/// A collection: its configuration and its shards. Routes each point to a shard by a stable hash of its id,
/// validates and normalises vectors before anything is logged, and merges per-shard results.
/// </summary>
public sealed partial class Collection : IDisposable
{
    private readonly Shard[] _shards;
    private CollectionConfig _config;

    private Collection(string name, string directory, CollectionConfig config, Shard[] shards, Guid uuid, ulong? owner, bool isLocal)
    {
        Name = name;
        Directory = directory;
        _config = config;
        _shards = shards;
        Uuid = uuid;
        Owner = owner;
        IsLocal = isLocal;
    }

    /// <summary>The collection name.</summary>
    public string Name { get; }

    /// <summary>Where its files live.</summary>
    public string Directory { get; }

    /// <summary>The current configuration.</summary>
    public CollectionConfig Config => Volatile.Read(ref _config);

    /// <summary>The shards, by shard id (none when the collection's shards live on another peer).</summary>
    public IReadOnlyList<Shard> Shards => _shards;

    /// <summary>Identity of this incarnation of the collection.</summary>
    public Guid Uuid { get; }

    /// <summary>The peer holding the shards in a cluster; null on a single node.</summary>
    public ulong? Owner { get; internal set; }

    /// <summary>True when this node holds the shards; otherwise only the metadata is here and point operations go to <see cref="Owner"/>.</summary>
    public bool IsLocal { get; }

    /// <summary>Opens a collection whose config is known: its shards when this node holds them, only its metadata otherwise.</summary>
    internal static Collection Open(string name, string directory, CollectionConfig config, Guid uuid, ulong? owner, bool isLocal)
    {
        var options = ShardOptionsFor(config);
        var shards = new Shard[isLocal ? config.Params.ShardNumber : 0];
        try
        {
            for (uint i = 0; i < shards.Length; i++)
            {
                SettleInterruptedRestore(directory, i);
                shards[i] = Shard.Open(i, ShardDirectory(directory, i), options);
            }
        }
        catch
        {
            foreach (var s in shards)
            {
                s?.Dispose();
            }

            throw;
        }

        var collection = new Collection(name, directory, config, shards, uuid, owner, isLocal);
        try
        {
            collection.LoadPayloadIndexes();
        }
        catch
        {
            collection.Dispose();
            throw;
        }

        return collection;
    }

    /// <summary>Number of live points.</summary>
    public long PointCount => _shards.Sum(s => (long)s.PointCount);

    /// <summary>Number of segments over all shards.</summary>
    public int SegmentCount => _shards.Sum(s => s.SegmentCount);

    /// <summary>Applies a new configuration (already validated) and retunes the shards.</summary>
    internal void Reconfigure(CollectionConfig config)
    {
        Volatile.Write(ref _config, config);
        var options = ShardOptionsFor(config);
        foreach (var shard in _shards)
        {
            shard.Reconfigure(options);
        }
    }

    /// <summary>Runs checkpoints and optimizations that are due.</summary>
    internal void Maintain()
    {
        foreach (var shard in _shards)
        {
            shard.Maintain();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var shard in _shards)
        {
            shard.Dispose();
        }
    }

    private Shard ShardFor(PointId id) => _shards[_shards.Length == 1 ? 0 : (int)(id.StableHash() % (ulong)_shards.Length)];

    private static ShardOptions ShardOptionsFor(CollectionConfig config)
    {
        var bytesPerPoint = Math.Max(4, config.Params.Vectors.Values.Sum(v => v.ByteSize));
        var indexingKb = config.Optimizers.IndexingThreshold is > 0 and int t ? t : 10_000;
        var maxSegmentKb = config.Optimizers.MaxSegmentSize ?? 200_000;
        return new ShardOptions(
            // Rounded up so that a sealed segment reaches indexing_threshold rather than stopping a vector short of it.
            AppendableCapacity: (int)Math.Clamp(((indexingKb * 1024L) + bytesPerPoint - 1) / bytesPerPoint, 1_000, 1_000_000),
            DeletedThreshold: config.Optimizers.DeletedThreshold,
            VacuumMinVectorNumber: config.Optimizers.VacuumMinVectorNumber,
            TargetSegmentCount: config.Optimizers.DefaultSegmentNumber > 0 ? config.Optimizers.DefaultSegmentNumber : Math.Max(2, Environment.ProcessorCount),
            MaxSegmentPoints: Math.Max(1_000, maxSegmentKb * 1024L / bytesPerPoint),
            WalSegmentBytes: Math.Max(1, config.Wal.WalCapacityMb) * 1024L * 1024L,
            FlushInterval: TimeSpan.FromSeconds(Math.Max(1, config.Optimizers.FlushIntervalSec)))
        {
            Indexing = IndexingOptionsFor(config),
        };
    }
}
