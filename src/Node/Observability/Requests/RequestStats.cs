using System.Collections.Concurrent;

namespace Citadel.Node.Observability.Requests;

/// <summary>
/// Response statistics of one protocol keyed like Qdrant's telemetry: endpoint (REST <c>"GET /collections/{collection_name}"</c>,
/// gRPC <c>"/qdrant.Points/Search"</c>) then status; also per collection for <c>per_collection=true</c>. Endpoints are
/// route patterns, never raw paths, so the key space stays bounded whatever clients send.
/// </summary>
internal sealed class RequestStats(TimeProvider time)
{
    // Per-collection keys grow with every collection ever queried; past this many, new ones are not tracked (the
    // totals still are) until collections that no longer exist are pruned.
    private const int MaxPerCollectionEntries = 10_000;

    private readonly ConcurrentDictionary<(string Endpoint, string Status), OperationStats> _all = new();
    private readonly ConcurrentDictionary<(string Collection, string Endpoint, string Status), OperationStats> _perCollection = new();

    public void Record(string endpoint, string status, string? collection, TimeSpan elapsed, bool failed)
    {
        var now = time.GetUtcNow();
        _all.GetOrAdd((endpoint, status), static _ => new OperationStats()).Record(elapsed, failed, now);
        if (collection is null)
        {
            return;
        }

        var key = (collection, endpoint, status);
        if (_perCollection.TryGetValue(key, out var stats) || _perCollection.Count < MaxPerCollectionEntries)
        {
            (stats ?? _perCollection.GetOrAdd(key, static _ => new OperationStats())).Record(elapsed, failed, now);
        }
    }

    /// <summary>Forgets the per-collection statistics of collections that no longer exist.</summary>
    public void Prune(Func<string, bool> exists)
    {
        foreach (var key in _perCollection.Keys)
        {
            if (!exists(key.Collection))
            {
                _perCollection.TryRemove(key, out _);
            }
        }
    }

    /// <summary>endpoint → status → statistics, sorted for stable output.</summary>
    public SortedDictionary<string, SortedDictionary<string, OperationStatsSnapshot>> Responses()
    {
        var result = new SortedDictionary<string, SortedDictionary<string, OperationStatsSnapshot>>(StringComparer.Ordinal);
        foreach (var ((endpoint, status), stats) in _all)
        {
            Add(result, endpoint, status, stats);
        }

        return result;
    }

    /// <summary>collection → endpoint → status → statistics, for the collections <paramref name="visible"/> allows.</summary>
    public SortedDictionary<string, SortedDictionary<string, SortedDictionary<string, OperationStatsSnapshot>>> PerCollection(Func<string, bool> visible)
    {
        var result = new SortedDictionary<string, SortedDictionary<string, SortedDictionary<string, OperationStatsSnapshot>>>(StringComparer.Ordinal);
        foreach (var ((collection, endpoint, status), stats) in _perCollection)
        {
            if (!visible(collection))
            {
                continue;
            }

            if (!result.TryGetValue(collection, out var endpoints))
            {
                endpoints = new SortedDictionary<string, SortedDictionary<string, OperationStatsSnapshot>>(StringComparer.Ordinal);
                result[collection] = endpoints;
            }

            Add(endpoints, endpoint, status, stats);
        }

        return result;
    }

    private static void Add(SortedDictionary<string, SortedDictionary<string, OperationStatsSnapshot>> into, string endpoint, string status, OperationStats stats)
    {
        if (!into.TryGetValue(endpoint, out var statuses))
        {
            statuses = new SortedDictionary<string, OperationStatsSnapshot>(StringComparer.Ordinal);
            into[endpoint] = statuses;
        }

        statuses[status] = stats.Snapshot();
    }
}
