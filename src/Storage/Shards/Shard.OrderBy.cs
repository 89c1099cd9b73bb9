using Citadel.Storage.Filtering;
using Citadel.Storage.Index.Payload;
using Citadel.Storage.Index.Payload.Fields;
using Citadel.Storage.Payloads;
using Citadel.Storage.Points;
using Citadel.Storage.Search;

namespace Citadel.Storage.Shards;

public sealed partial class Shard
{
    /// <summary>
    /// Points matching the filter ordered by a payload field with a range-capable index (integer with <c>range</c>,
    /// float or datetime), as Qdrant requires; one entry per indexed value, ties broken by id. Each segment's index is
    /// read in order and stops once it has given <paramref name="limit"/> entries (and the ties of the last value).
    /// </summary>
    public List<PointRecord> ScrollOrdered(OrderBy orderBy, int limit, Filter? filter, PayloadSelector withPayload, VectorSelector withVector)
    {
        ArgumentNullException.ThrowIfNull(orderBy);
        _lock.EnterReadLock();
        try
        {
            if (_payloadSchema.Find(orderBy.Key) is not { Schema.ServesOrderBy: true })
            {
                throw PayloadIndexErrors.MissingRangeIndexForOrderBy(orderBy.Key);
            }

            var prepared = PrepareFilter(filter);
            var entries = new List<(OrderedValue Value, PointId Id, PointLocation Location)>();
            foreach (var segment in _segments)
            {
                if (segment.PayloadIndex?.Find(orderBy.Key) is not IOrderSource source)
                {
                    continue;
                }

                var candidates = prepared?.Candidates(segment);
                var taken = 0;
                double last = double.NaN;
                foreach (var value in source.Ordered(orderBy.Descending, orderBy.StartFrom))
                {
                    if (taken >= limit && value.Value != last)
                    {
                        break;
                    }

                    var o = value.Offset;
                    if (o >= segment.Count || segment.IsDeleted(o) || (candidates is not null && !candidates.Contains(o)) ||
                        (prepared is not null && !prepared.Matches(segment, o)))
                    {
                        continue;
                    }

                    entries.Add((value, segment.IdAt(o), new PointLocation(segment, o)));
                    taken++;
                    last = value.Value;
                }
            }

            entries.Sort((a, b) =>
            {
                var c = a.Value.Value.CompareTo(b.Value.Value);
                return c != 0 ? (orderBy.Descending ? -c : c) : a.Id.CompareTo(b.Id);
            });
            var result = new List<PointRecord>(Math.Min(limit, entries.Count));
            foreach (var (value, id, loc) in entries.Take(limit))
            {
                result.Add(new PointRecord(id, SelectPayload(loc, withPayload), SelectVectors(loc, withVector), new OrderValue(value.Value, value.IsInteger)));
            }

            return result;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }
}
