using System.Text.Json;
using Citadel.Storage.Points;

namespace Citadel.Storage.Segments;

/// <summary>
/// A batch of points addressed by internal offsets. The shard's single appendable segment takes inserts and
/// in-place updates; once sealed a segment's data never changes again (updates copy the point into the
/// appendable segment), only its deleted set grows. That immutability is what lets checkpoints, the optimizer
/// and (later) index builds read a sealed segment without holding the shard lock.
/// </summary>
internal sealed partial class Segment
{
    private readonly Dictionary<string, VectorStore> _vectors = new(StringComparer.Ordinal);
    private PointId[] _ids;
    private ulong[] _versions;
    private JsonElement[] _payloads;
    private BitSet _deleted;

    public Segment(long id, int initialCapacity = 64)
    {
        Id = id;
        _ids = new PointId[initialCapacity];
        _versions = new ulong[initialCapacity];
        _payloads = new JsonElement[initialCapacity];
        _deleted = new BitSet(initialCapacity);
    }

    /// <summary>Unique within its shard; also names its files.</summary>
    public long Id { get; }

    /// <summary>True while this is the shard's write target.</summary>
    public bool Appendable { get; set; } = true;

    /// <summary>Number of offsets allocated (live and deleted).</summary>
    public int Count { get; private set; }

    public int DeletedCount => _deleted.Count;

    public int LiveCount => Count - _deleted.Count;

    /// <summary>True once the immutable data of a sealed segment is on disk.</summary>
    public bool DataPersisted { get; set; }

    /// <summary>The data file currently describing this segment in the manifest.</summary>
    public string? DataFile { get; set; }

    /// <summary>The deletions file currently describing this segment in the manifest.</summary>
    public string? DeletedFile { get; set; }

    /// <summary>True when deletions changed since they were last written.</summary>
    public bool DeletionsDirty { get; set; }

    public IReadOnlyDictionary<string, VectorStore> Vectors => _vectors;

    /// <summary>Vector indexes built over this (sealed) segment's data, by vector name.</summary>
    public Index.SegmentIndexes Indexes { get; } = new();

    public PointId IdAt(int offset) => _ids[offset];

    public ulong VersionAt(int offset) => _versions[offset];

    public JsonElement PayloadAt(int offset) => _payloads[offset];

    public bool IsDeleted(int offset) => _deleted.Get(offset);

    public bool HasVector(int offset, string name) => _vectors.TryGetValue(name, out var store) && store.Has(offset);

    /// <summary>Appends a point; vectors must already be validated and preprocessed.</summary>
    public int Append(PointId id, ulong version, JsonElement payload, IReadOnlyDictionary<string, float[]> vectors)
    {
        var offset = Count;
        EnsureCapacity(offset + 1);
        _ids[offset] = id;
        _versions[offset] = version;
        _payloads[offset] = payload;
        foreach (var (name, vector) in vectors)
        {
            Store(name, vector.Length).Set(offset, vector);
        }

        Count = offset + 1;
        PayloadIndex?.Update(offset, payload);
        return offset;
    }

    /// <summary>Appends a copy of a point held by another segment.</summary>
    public int AppendCopy(Segment source, int sourceOffset)
    {
        var offset = Count;
        EnsureCapacity(offset + 1);
        _ids[offset] = source._ids[sourceOffset];
        _versions[offset] = source._versions[sourceOffset];
        _payloads[offset] = source._payloads[sourceOffset];
        foreach (var (name, store) in source._vectors)
        {
            if (store.Has(sourceOffset))
            {
                Store(name, store.Dimension).Set(offset, store.Get(sourceOffset));
            }
        }

        Count = offset + 1;
        PayloadIndex?.Update(offset, _payloads[offset]);
        return offset;
    }

    /// <summary>Replaces payload and version in place (appendable segments only).</summary>
    public void SetPayload(int offset, JsonElement payload, ulong version)
    {
        _payloads[offset] = payload;
        _versions[offset] = version;
        PayloadIndex?.Update(offset, payload);
    }

    /// <summary>Replaces one vector in place (appendable segments only).</summary>
    public void SetVector(int offset, string name, ReadOnlySpan<float> vector, ulong version)
    {
        Store(name, vector.Length).Set(offset, vector);
        _versions[offset] = version;
    }

    /// <summary>Removes one vector in place (appendable segments only).</summary>
    public void RemoveVector(int offset, string name, ulong version)
    {
        if (_vectors.TryGetValue(name, out var store))
        {
            store.Remove(offset);
        }

        _versions[offset] = version;
    }

    /// <summary>Removes every vector in place (appendable segments only), before a whole-point replace.</summary>
    public void RemoveAllVectors(int offset)
    {
        foreach (var store in _vectors.Values)
        {
            store.Remove(offset);
        }
    }

    public void Delete(int offset)
    {
        if (_deleted.Set(offset))
        {
            DeletionsDirty = true;
        }
    }

    public BitSet DeletedSnapshot() => _deleted.Clone();

    public void ReplaceDeleted(BitSet deleted) => _deleted = deleted;

    /// <summary>Drops a named vector from every point (the collection deleted that vector name).</summary>
    public void DropVectorName(string name)
    {
        _vectors.Remove(name);
        Indexes.Remove(name);
    }

    /// <summary>The store for a vector name, created on first use.</summary>
    public VectorStore Store(string name, int dimension)
    {
        if (!_vectors.TryGetValue(name, out var store))
        {
            store = new VectorStore(dimension);
            _vectors[name] = store;
        }

        return store;
    }

    private void EnsureCapacity(int needed)
    {
        if (needed <= _ids.Length)
        {
            return;
        }

        var size = Math.Max(needed, _ids.Length * 2);
        Array.Resize(ref _ids, size);
        Array.Resize(ref _versions, size);
        Array.Resize(ref _payloads, size);
    }

    /// <summary>
    /// A deep copy of the current state, taken under the shard lock so that a checkpoint can write an
    /// appendable segment while writes continue.
    /// </summary>
    public Segment CopyForCheckpoint()
    {
        var copy = new Segment(Id, Math.Max(1, Count))
        {
            Appendable = Appendable,
            Count = Count,
        };
        Array.Copy(_ids, copy._ids, Count);
        Array.Copy(_versions, copy._versions, Count);
        Array.Copy(_payloads, copy._payloads, Count);
        copy._deleted = _deleted.Clone();
        foreach (var (name, store) in _vectors)
        {
            copy._vectors[name] = store.Clone(Count);
        }

        return copy;
    }

    /// <summary>Rebuilds a segment from persisted arrays (used by <see cref="SegmentFile"/>).</summary>
    internal static Segment Restore(long id, PointId[] ids, ulong[] versions, JsonElement[] payloads, BitSet deleted, Dictionary<string, VectorStore> vectors)
    {
        var segment = new Segment(id, 1)
        {
            _ids = ids,
            _versions = versions,
            _payloads = payloads,
            _deleted = deleted,
            Count = ids.Length,
        };
        foreach (var (name, store) in vectors)
        {
            segment._vectors[name] = store;
        }

        return segment;
    }
}
