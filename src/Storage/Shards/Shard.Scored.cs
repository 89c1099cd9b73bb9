using Citadel.Storage.Filtering;
using Citadel.Storage.Points;
using Citadel.Storage.Search;
using Citadel.Storage.Segments;

namespace Citadel.Storage.Shards;

/// <summary>
/// Exact scans with a caller-supplied scorer and random sampling, for the query engine: custom objectives,
/// rescoring a known set of candidates, and <c>sample</c>. Hits carry no payload or vectors; the engine fetches
/// those once for the final page.
/// </summary>
public sealed partial class Shard
{
    /// <summary>
    /// The best <paramref name="top"/> points by <paramref name="scorer"/> among those that have the named vector,
    /// match <paramref name="filter"/> and, when <paramref name="among"/> is given, are in it (rescoring looks up
    /// those ids directly instead of scanning every segment). Best first; ties go to the smaller id.
    /// </summary>
    public List<ScoredPoint> ScanScored(string vectorName, IVectorScorer scorer, Filter? filter, IReadOnlyCollection<PointId>? among, int top, float? scoreThreshold)
    {
        _lock.EnterReadLock();
        try
        {
            var heap = new TopK<PointLocation>((int)Math.Min(top, among?.Count ?? (long)_points.Count));
            if (among is not null)
            {
                foreach (var id in among)
                {
                    if (_points.TryGetValue(id, out var loc))
                    {
                        OfferScored(heap, loc.Segment, loc.Offset, vectorName, scorer, filter, scoreThreshold);
                    }
                }
            }
            else
            {
                foreach (var segment in _segments)
                {
                    for (var o = 0; o < segment.Count; o++)
                    {
                        if (!segment.IsDeleted(o))
                        {
                            OfferScored(heap, segment, o, vectorName, scorer, filter, scoreThreshold);
                        }
                    }
                }
            }

            var hits = heap.Drain();
            var result = new List<ScoredPoint>(hits.Count);
            foreach (var (similarity, _, loc) in hits)
            {
                var score = scorer.HigherIsBetter ? similarity : -similarity;
                result.Add(new ScoredPoint(loc.Segment.IdAt(loc.Offset), loc.Segment.VersionAt(loc.Offset), score, null, null));
            }

            return result;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>
    /// Up to <paramref name="limit"/> distinct random points matching <paramref name="filter"/> (and in
    /// <paramref name="among"/> when given), in random order. Like Qdrant's scroll-based results they score 1.
    /// </summary>
    public List<ScoredPoint> Sample(int limit, Filter? filter, IReadOnlyCollection<PointId>? among, Random random)
    {
        var picked = new List<PointId>(Math.Min(limit, 1024));
        var seen = 0;
        _lock.EnterReadLock();
        try
        {
            // Reservoir sampling keeps every matching point equally likely in one pass.
            IEnumerable<PointId> candidates = among ?? (IEnumerable<PointId>)_points.Keys;
            foreach (var id in candidates)
            {
                if (!_points.TryGetValue(id, out var loc)
                    || (filter is not null && !FilterEvaluator.Matches(filter, new SegmentPoint(loc.Segment, loc.Offset))))
                {
                    continue;
                }

                seen++;
                if (picked.Count < limit)
                {
                    picked.Add(id);
                }
                else
                {
                    var slot = random.Next(seen);
                    if (slot < limit)
                    {
                        picked[slot] = id;
                    }
                }
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }

        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(picked));
        return picked.Select(id => new ScoredPoint(id, 0, 1f, null, null)).ToList();
    }

    private static void OfferScored(TopK<PointLocation> heap, Segment segment, int offset, string vectorName, IVectorScorer scorer, Filter? filter, float? scoreThreshold)
    {
        if (!segment.Vectors.TryGetValue(vectorName, out var store) || !store.Has(offset))
        {
            return;
        }

        if (filter is not null && !FilterEvaluator.Matches(filter, new SegmentPoint(segment, offset)))
        {
            return;
        }

        var score = scorer.Score(store.Get(offset));
        if (float.IsNaN(score))
        {
            // A NaN has no rank (and no JSON form); only degenerate inputs produce one.
            return;
        }

        if (scoreThreshold is { } t && !(scorer.HigherIsBetter ? score >= t : score <= t))
        {
            return;
        }

        var similarity = scorer.HigherIsBetter ? score : -score;
        if (similarity < heap.Threshold)
        {
            return;
        }

        heap.Offer(similarity, TieKey(segment.IdAt(offset)), new PointLocation(segment, offset));
    }
}
