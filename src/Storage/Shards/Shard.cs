using Citadel.Common.Errors;
using Citadel.Storage.Points;
using Citadel.Storage.Segments;
using Citadel.Storage.Wal;

namespace Citadel.Storage.Shards;

/// <summary>
/// One shard of a collection: segments of points, an id index over them, and a write-ahead log.
/// Writers hold the write lock while they log and apply an operation; readers share the read lock.
/// Durability comes from the WAL; checkpoints write segments to disk so that the WAL can be truncated.
/// </summary>
public sealed partial class Shard : IDisposable
{
    private const string SegmentsDirectory = "segments";
    private const string WalDirectory = "wal";

    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<PointId, PointLocation> _points = [];
    private readonly List<Segment> _segments = [];
    private readonly object _maintenanceGate = new();
    private readonly string _directory;
    private readonly WriteAheadLog _wal;
    private ShardOptions _options;
    private Segment _appendable;
    private ulong _version;
    private ulong _checkpointVersion;
    private long _nextSegmentId;
    private long _mutations;
    private bool _structureChanged;
    private DateTime _lastCheckpoint = DateTime.UtcNow;
    private Exception? _failure;
    private bool _disposed;

    private Shard(uint id, string directory, ShardOptions options, WriteAheadLog wal, Segment appendable)
    {
        Id = id;
        _directory = directory;
        _options = options;
        _wal = wal;
        _appendable = appendable;
    }

    /// <summary>The shard number within its collection.</summary>
    public uint Id { get; }

    /// <summary>The WAL index of the last applied operation.</summary>
    public ulong Version
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _version;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>Number of live points.</summary>
    public int PointCount
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _points.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>Number of segments, including the appendable one.</summary>
    public int SegmentCount
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _segments.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>Changes tuning (after a collection update); takes effect for later seals and merges.</summary>
    public void Reconfigure(ShardOptions options) => Volatile.Write(ref _options, options);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        StopIndexing();
        if (_failure is null)
        {
            try
            {
                Checkpoint();
            }
            catch (IOException)
            {
                // The WAL still holds everything since the last good checkpoint; recovery replays it.
            }
        }

        _wal.Dispose();
        _lock.Dispose();
    }

    private void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_failure is not null)
        {
            throw new CitadelException(ErrorKind.Internal, $"Shard {Id} stopped accepting writes after an I/O failure: {_failure.Message}", _failure);
        }
    }

    private Segment NewAppendable()
    {
        var segment = new Segment(Interlocked.Increment(ref _nextSegmentId));
        AttachPayloadIndexes(segment);
        _segments.Add(segment);
        _appendable = segment;
        return segment;
    }
}
