using System.Text.Json;
using Citadel.Common.Errors;
using Citadel.Storage.Index.Payload.Planning;
using Citadel.Storage.Operations;
using Citadel.Storage.Payloads;
using Citadel.Storage.Points;
using Citadel.Storage.Segments;

namespace Citadel.Storage.Shards;

public sealed partial class Shard
{
    /// <summary>
    /// Logs and applies one operation. Vectors must be validated and preprocessed by the collection.
    /// With <paramref name="wait"/> the call returns only once the operation is fsynced.
    /// </summary>
    public async ValueTask<UpdateResult> UpdateAsync(UpdateOperation operation, bool wait, CancellationToken cancellationToken = default)
    {
        ulong index;
        _lock.EnterWriteLock();
        try
        {
            ThrowIfUnusable();
            var resolved = Resolve(operation);
            var record = OperationCodec.Encode(resolved);
            try
            {
                index = _wal.Append(record);
            }
            catch (IOException e)
            {
                _failure = e;
                throw new CitadelException(ErrorKind.Internal, $"Failed to write the WAL of shard {Id}: {e.Message}", e);
            }

            Apply(resolved, index);
        }
        finally
        {
            _lock.ExitWriteLock();
        }

        if (!wait)
        {
            return new UpdateResult(index, UpdateStatus.Acknowledged);
        }

        try
        {
            await _wal.FlushAsync(index, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            _failure = e;
            throw new CitadelException(ErrorKind.Internal, $"Failed to sync the WAL of shard {Id}: {e.Message}", e);
        }

        return new UpdateResult(index, UpdateStatus.Completed);
    }

    /// <summary>Turns filters into id lists and conditional upserts into plain ones, against the current state.</summary>
    private UpdateOperation Resolve(UpdateOperation op) => op switch
    {
        UpsertPoints u when u.UpdateFilter is not null || u.Mode != UpdateMode.Upsert => ResolveConditionalUpsert(u),
        UpsertPoints u => u,
        DeletePoints d => d with { Selector = ResolveSelector(d.Selector) },
        SetPayload s => s with { Selector = ResolveSelector(s.Selector) },
        OverwritePayload o => o with { Selector = ResolveSelector(o.Selector) },
        DeletePayload dp => dp with { Selector = ResolveSelector(dp.Selector) },
        ClearPayload c => c with { Selector = ResolveSelector(c.Selector) },
        UpdateVectors uv => ResolveUpdateVectors(uv),
        DeleteVectors dv => dv with { Selector = ResolveSelector(dv.Selector) },
        _ => throw new ArgumentException($"Unknown operation {op.GetType().Name}", nameof(op)),
    };

    private UpsertPoints ResolveConditionalUpsert(UpsertPoints u)
    {
        var updateFilter = PrepareFilter(u.UpdateFilter);
        return new UpsertPoints(u.Points.Where(p => ShouldWrite(p.Id, updateFilter, u.Mode)).ToList());
    }

    private bool ShouldWrite(PointId id, IndexedFilter? updateFilter, UpdateMode mode)
    {
        if (!_points.TryGetValue(id, out var loc))
        {
            return mode != UpdateMode.UpdateOnly;
        }

        if (mode == UpdateMode.InsertOnly)
        {
            return false;
        }

        return updateFilter is null || updateFilter.Matches(loc.Segment, loc.Offset);
    }

    private UpdateVectors ResolveUpdateVectors(UpdateVectors uv)
    {
        var kept = new List<PointVectors>(uv.Points.Count);
        var updateFilter = PrepareFilter(uv.UpdateFilter);
        foreach (var p in uv.Points)
        {
            if (!_points.TryGetValue(p.Id, out var loc))
            {
                throw CitadelException.NotFound($"No point with id {p.Id} found");
            }

            if (updateFilter is null || updateFilter.Matches(loc.Segment, loc.Offset))
            {
                kept.Add(p);
            }
        }

        return new UpdateVectors(kept);
    }

    private IdsSelector ResolveSelector(PointsSelector selector)
    {
        if (selector is IdsSelector ids)
        {
            return ids;
        }

        var filter = PrepareFilter(((FilterSelector)selector).Filter)!;
        var matched = new List<PointId>();
        foreach (var segment in _segments)
        {
            foreach (var o in filter.MatchingOffsets(segment))
            {
                matched.Add(segment.IdAt(o));
            }
        }

        return new IdsSelector(matched);
    }

    /// <summary>Applies a resolved operation; never fails for a validated operation (that is what makes replay safe).</summary>
    private void Apply(UpdateOperation op, ulong version)
    {
        switch (op)
        {
            case UpsertPoints u:
                foreach (var p in u.Points)
                {
                    Upsert(p, version);
                }

                break;
            case DeletePoints d:
                foreach (var id in Ids(d.Selector))
                {
                    if (_points.Remove(id, out var loc))
                    {
                        loc.Segment.Delete(loc.Offset);
                    }
                }

                break;
            case SetPayload s:
                ModifyPayloads(s.Selector, version, old => PayloadOps.Set(old, s.Payload, s.Key));
                break;
            case OverwritePayload o:
                ModifyPayloads(o.Selector, version, _ => o.Payload);
                break;
            case DeletePayload dp:
                ModifyPayloads(dp.Selector, version, old => PayloadOps.DeleteKeys(old, dp.Keys));
                break;
            case ClearPayload c:
                ModifyPayloads(c.Selector, version, _ => default);
                break;
            case UpdateVectors uv:
                foreach (var p in uv.Points)
                {
                    if (TryWritable(p.Id, out var loc))
                    {
                        foreach (var (name, vector) in p.Vectors)
                        {
                            loc.Segment.SetVector(loc.Offset, name, vector, version);
                        }

                        MaybeSeal();
                    }
                }

                break;
            case DeleteVectors dv:
                foreach (var id in Ids(dv.Selector))
                {
                    if (TryWritable(id, out var loc))
                    {
                        foreach (var name in dv.VectorNames)
                        {
                            loc.Segment.RemoveVector(loc.Offset, name, version);
                        }

                        MaybeSeal();
                    }
                }

                break;
            default:
                throw new ArgumentException($"Unknown operation {op.GetType().Name}", nameof(op));
        }

        _version = version;
        _mutations++;
    }

    private static IReadOnlyList<PointId> Ids(PointsSelector selector) => ((IdsSelector)selector).Ids;

    private void Upsert(PointStruct p, ulong version)
    {
        if (_points.TryGetValue(p.Id, out var loc))
        {
            if (loc.Segment.Appendable)
            {
                loc.Segment.RemoveAllVectors(loc.Offset);
                foreach (var (name, vector) in p.Vectors)
                {
                    loc.Segment.SetVector(loc.Offset, name, vector, version);
                }

                loc.Segment.SetPayload(loc.Offset, p.Payload, version);
                return;
            }

            loc.Segment.Delete(loc.Offset);
        }

        var offset = _appendable.Append(p.Id, version, p.Payload, p.Vectors);
        _points[p.Id] = new PointLocation(_appendable, offset);
        MaybeSeal();
    }

    private void ModifyPayloads(PointsSelector selector, ulong version, Func<JsonElement, JsonElement> change)
    {
        foreach (var id in Ids(selector))
        {
            if (TryWritable(id, out var loc))
            {
                loc.Segment.SetPayload(loc.Offset, change(loc.Segment.PayloadAt(loc.Offset)), version);
                MaybeSeal();
            }
        }
    }

    /// <summary>
    /// Finds a live point and makes sure it sits in the appendable segment, copying it out of a sealed one
    /// (sealed segments never change in place).
    /// </summary>
    private bool TryWritable(PointId id, out PointLocation location)
    {
        if (!_points.TryGetValue(id, out location))
        {
            return false;
        }

        if (!location.Segment.Appendable)
        {
            var offset = _appendable.AppendCopy(location.Segment, location.Offset);
            location.Segment.Delete(location.Offset);
            location = new PointLocation(_appendable, offset);
            _points[id] = location;
        }

        return true;
    }

    /// <summary>Seals a full appendable segment into a compact immutable one and starts a new appendable segment.</summary>
    private void MaybeSeal()
    {
        var full = _appendable;
        if (full.Count < _options.AppendableCapacity)
        {
            return;
        }

        var index = _segments.IndexOf(full);
        _segments.RemoveAt(index);
        if (full.LiveCount > 0)
        {
            var sealedSegment = new Segment(Interlocked.Increment(ref _nextSegmentId), full.LiveCount) { Appendable = false };
            for (var o = 0; o < full.Count; o++)
            {
                if (!full.IsDeleted(o))
                {
                    _points[full.IdAt(o)] = new PointLocation(sealedSegment, sealedSegment.AppendCopy(full, o));
                }
            }

            AttachPayloadIndexes(sealedSegment);
            _segments.Insert(index, sealedSegment);
        }

        NewAppendable();
        _structureChanged = true;
    }
}
