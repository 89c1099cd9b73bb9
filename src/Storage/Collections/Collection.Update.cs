using Citadel.Common.Errors;
using Citadel.Storage.Operations;
using Citadel.Storage.Points;
using Citadel.Storage.Shards;
using Citadel.Storage.Vectors;

namespace Citadel.Storage.Collections;

public sealed partial class Collection
{
    /// <summary>
    /// Validates an update against the collection's vectors, normalises cosine vectors, splits it by shard and
    /// applies it. Nothing is logged when validation fails.
    /// </summary>
    public async ValueTask<UpdateResult> UpdateAsync(UpdateOperation operation, bool wait, CancellationToken cancellationToken = default)
    {
        var prepared = Prepare(operation);
        if (_shards.Length == 1)
        {
            return await _shards[0].UpdateAsync(prepared, wait, cancellationToken).ConfigureAwait(false);
        }

        UpdateResult? last = null;
        foreach (var (shard, part) in Split(prepared))
        {
            var r = await shard.UpdateAsync(part, wait, cancellationToken).ConfigureAwait(false);
            last = last is null || r.OperationId > last.OperationId ? r : last;
        }

        return last ?? new UpdateResult(0, wait ? UpdateStatus.Completed : UpdateStatus.Acknowledged);
    }

    /// <summary>Checks vector names and dimensions, copies and preprocesses vectors.</summary>
    internal UpdateOperation Prepare(UpdateOperation op)
    {
        var schema = Config.Params.Vectors;
        switch (op)
        {
            case UpsertPoints u:
                return u with
                {
                    Points = u.Points.Select(p => p with { Vectors = PrepareVectors(schema, p.Vectors) }).ToList(),
                };
            case UpdateVectors uv:
                return uv with
                {
                    Points = uv.Points.Select(p => p with { Vectors = PrepareVectors(schema, p.Vectors) }).ToList(),
                };
            case DeleteVectors dv:
                foreach (var name in dv.VectorNames)
                {
                    RequireVectorName(schema, name);
                }

                return dv;
            default:
                return op;
        }
    }

    /// <summary>Throws Qdrant's error when the collection has no vector called <paramref name="name"/>.</summary>
    internal static VectorParams RequireVectorName(IReadOnlyDictionary<string, VectorParams> schema, string name) =>
        schema.TryGetValue(name, out var p) ? p : throw CitadelException.BadInput($"Not existing vector name error: {name}");

    /// <summary>Checks a query or stored vector and returns a preprocessed copy.</summary>
    internal static float[] PrepareVector(VectorParams p, ReadOnlySpan<float> vector)
    {
        if (vector.Length != p.Size)
        {
            throw CitadelException.BadInput($"Vector dimension error: expected dim: {p.Size}, got {vector.Length}");
        }

        foreach (var x in vector)
        {
            if (!float.IsFinite(x))
            {
                throw CitadelException.BadInput("Vector contains NaN or infinite values");
            }
        }

        var copy = vector.ToArray();
        p.Distance.Preprocess(copy);
        return copy;
    }

    private static Dictionary<string, float[]> PrepareVectors(IReadOnlyDictionary<string, VectorParams> schema, IReadOnlyDictionary<string, float[]> vectors)
    {
        var result = new Dictionary<string, float[]>(vectors.Count, StringComparer.Ordinal);
        foreach (var (name, vector) in vectors)
        {
            result[name] = PrepareVector(RequireVectorName(schema, name), vector);
        }

        return result;
    }

    private IEnumerable<(Shard Shard, UpdateOperation Part)> Split(UpdateOperation op)
    {
        switch (op)
        {
            case UpsertPoints u:
                foreach (var g in u.Points.GroupBy(p => ShardFor(p.Id)))
                {
                    yield return (g.Key, u with { Points = g.ToList() });
                }

                yield break;
            case UpdateVectors uv:
                foreach (var g in uv.Points.GroupBy(p => ShardFor(p.Id)))
                {
                    yield return (g.Key, uv with { Points = g.ToList() });
                }

                yield break;
            default:
                var selector = SelectorOf(op);
                if (selector is IdsSelector ids)
                {
                    foreach (var g in ids.Ids.GroupBy(ShardFor))
                    {
                        yield return (g.Key, WithSelector(op, new IdsSelector(g.ToList())));
                    }
                }
                else
                {
                    foreach (var shard in _shards)
                    {
                        yield return (shard, op);
                    }
                }

                yield break;
        }
    }

    private static PointsSelector SelectorOf(UpdateOperation op) => op switch
    {
        DeletePoints d => d.Selector,
        SetPayload s => s.Selector,
        OverwritePayload o => o.Selector,
        DeletePayload dp => dp.Selector,
        ClearPayload c => c.Selector,
        DeleteVectors dv => dv.Selector,
        _ => throw new ArgumentException($"Unknown operation {op.GetType().Name}", nameof(op)),
    };

    private static UpdateOperation WithSelector(UpdateOperation op, PointsSelector selector) => op switch
    {
        DeletePoints d => d with { Selector = selector },
        SetPayload s => s with { Selector = selector },
        OverwritePayload o => o with { Selector = selector },
        DeletePayload dp => dp with { Selector = selector },
        ClearPayload c => c with { Selector = selector },
        DeleteVectors dv => dv with { Selector = selector },
        _ => throw new ArgumentException($"Unknown operation {op.GetType().Name}", nameof(op)),
    };
}
