using System.Text.Json;
using Citadel.Storage.Index.Payload.Schema;
using Citadel.Storage.Index.Payload.Stores;

namespace Citadel.Storage.Index.Payload.Fields;

/// <summary>A field index over one <see cref="PostingStore{TKey}"/>: each value yields zero or more keys.</summary>
internal abstract class SingleStoreIndex<TKey> : FieldIndex
    where TKey : notnull
{
    private readonly IComparer<TKey> _comparer;
    private readonly IEqualityComparer<TKey> _equality;
    private readonly List<TKey> _keys = [];
    private readonly List<TKey> _extracted = [];
    private readonly HashSet<TKey> _seen;
    private PostingBuilder<TKey>? _builder;
    private PostingStore<TKey>? _store;

    protected SingleStoreIndex(PayloadIndexField field, IComparer<TKey> comparer, IEqualityComparer<TKey> equality)
        : base(field)
    {
        _comparer = comparer;
        _equality = equality;
        _seen = new HashSet<TKey>(equality);
        _builder = new PostingBuilder<TKey>(comparer, equality);
    }

    /// <summary>The postings; available once built.</summary>
    protected PostingStore<TKey> Store => _store ?? throw new InvalidOperationException("The index is not built yet.");

    /// <summary>Appends the keys of one value (none when the value is not of the indexed kind).</summary>
    protected abstract void Extract(JsonElement value, List<TKey> keys);

    protected override bool Collect(int offset, List<JsonElement> values)
    {
        var keys = KeysOf(values);
        foreach (var key in keys)
        {
            _builder!.Add(offset, key);
        }

        return keys.Count > 0;
    }

    protected override void Finish(bool mutable)
    {
        _store = PostingStore<TKey>.Create(_builder!, _comparer, _equality, mutable);
        _builder = null;
    }

    protected override bool Replace(int offset, List<JsonElement> values)
    {
        var keys = KeysOf(values);
        Store.Set(offset, keys);
        return keys.Count > 0;
    }

    private List<TKey> KeysOf(List<JsonElement> values)
    {
        _keys.Clear();
        _seen.Clear();
        foreach (var value in values)
        {
            _extracted.Clear();
            Extract(value, _extracted);
            foreach (var key in _extracted)
            {
                if (_seen.Add(key))
                {
                    _keys.Add(key);
                }
            }
        }

        return _keys;
    }
}
