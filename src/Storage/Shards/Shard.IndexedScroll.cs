using Citadel.Storage.Index.Payload.Planning;
using Citadel.Storage.Index.Payload.Stores;
using Citadel.Storage.Points;
using Citadel.Storage.Segments;

namespace Citadel.Storage.Shards;

public sealed partial class Shard
{
    /// <summary>
    /// A scroll page read from index candidates instead of walking ids: the matching points among the candidates,
    /// sorted by id. Worth it while the candidates are few relative to the walk it saves (a walk checks about
    /// limit × points / candidates ids); null otherwise, or when the indexes cannot narrow the filter.
    /// Caller holds the read lock.
    /// </summary>
    private List<(PointId Id, PointLocation Location)>? ScrollCandidates(IndexedFilter filter, PointId? offset, int limit)
    {
        var sets = new List<(Segment Segment, CandidateSet Candidates)>(_segments.Count);
        long total = 0;
        foreach (var segment in _segments)
        {
            if (filter.Candidates(segment) is not { } candidates)
            {
                return null;
            }

            sets.Add((segment, candidates));
            total += candidates.Count();
        }

        if (total * total > (long)limit * Math.Max(1, _points.Count))
        {
            return null;
        }

        var found = new List<(PointId Id, PointLocation Location)>();
        foreach (var (segment, candidates) in sets)
        {
            foreach (var o in candidates)
            {
                if (o >= segment.Count || segment.IsDeleted(o))
                {
                    continue;
                }

                var id = segment.IdAt(o);
                if ((offset is not { } from || id.CompareTo(from) >= 0) && filter.Matches(segment, o))
                {
                    found.Add((id, new PointLocation(segment, o)));
                }
            }
        }

        found.Sort((a, b) => a.Id.CompareTo(b.Id));
        return found.Count > limit ? found.GetRange(0, limit) : found;
    }
}
