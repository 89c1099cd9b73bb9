using System.Text.Json;
using Citadel.Storage.Payloads;
using Citadel.Storage.Points;
using Citadel.Storage.Search;

namespace Citadel.Storage.Query.Groups;

/// <summary>
/// Collects hits into groups by the values of the group-by field (Qdrant's <c>GroupsAggregator</c>): a point joins
/// the group of every distinct string or integer value it has there (arrays count element by element, other values
/// form no group), each group remembers its best score, and the best groups are those with the best best-scores.
/// </summary>
internal sealed class GroupsAggregator(int maxGroups, int groupSize, JsonPath groupBy, bool largerIsBetter)
{
    private readonly Dictionary<GroupId, Dictionary<PointId, ScoredPoint>> _groups = [];
    private readonly Dictionary<GroupId, float> _bestScores = [];
    private readonly Dictionary<GroupId, int> _firstSeen = [];
    private readonly HashSet<GroupId> _full = [];
    private readonly HashSet<PointId> _ids = [];

    /// <summary>Every point id already in some group.</summary>
    public IReadOnlySet<PointId> Ids => _ids;

    /// <summary>Groups that hold <c>group_size</c> hits.</summary>
    public IReadOnlyCollection<GroupId> FullGroups => _full;

    /// <summary>Adds hits whose payload holds (at least) the group-by field.</summary>
    public void Add(IEnumerable<ScoredPoint> hits)
    {
        foreach (var hit in hits)
        {
            foreach (var key in Keys(hit.Payload))
            {
                Add(key, hit);
            }
        }
    }

    /// <summary>How many of the best groups are full.</summary>
    public int FilledBestGroups() => BestGroups().Count(_full.Contains);

    /// <summary>The best groups that are not full yet.</summary>
    public List<GroupId> UnfilledBestGroups() => BestGroups().Where(g => !_full.Contains(g)).ToList();

    /// <summary>The best groups, best first, each with its best <c>group_size</c> hits (ties by id).</summary>
    public List<(GroupId Id, List<ScoredPoint> Hits)> Distill() =>
        BestGroups().Select(g => (g, _groups[g].Values.Order(Comparer<ScoredPoint>.Create(Compare)).Take(groupSize).ToList())).ToList();

    /// <summary>The group ids of a payload's group-by values (Qdrant's <c>GroupId::try_from</c>).</summary>
    public IEnumerable<GroupId> Keys(JsonElement? payload)
    {
        if (payload is not { } p)
        {
            return [];
        }

        var keys = new List<GroupId>();
        foreach (var value in groupBy.Values(p))
        {
            if (TryKey(value, out var key) && !keys.Contains(key))
            {
                keys.Add(key);
            }
        }

        return keys;
    }

    public static bool TryKey(JsonElement value, out GroupId key)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                key = GroupId.Of(value.GetString()!);
                return true;
            case JsonValueKind.Number when value.TryGetUInt64(out var u):
                key = GroupId.Of(u);
                return true;
            case JsonValueKind.Number when value.TryGetInt64(out var l):
                key = GroupId.Of(l);
                return true;
            default:
                key = default;
                return false;
        }
    }

    private void Add(GroupId key, ScoredPoint hit)
    {
        if (!_groups.TryGetValue(key, out var group))
        {
            _groups[key] = group = [];
            _firstSeen[key] = _firstSeen.Count;
        }

        if (!group.TryGetValue(hit.Id, out var existing) || existing.Version < hit.Version)
        {
            group[hit.Id] = hit;
        }

        _ids.Add(hit.Id);
        if (group.Count >= groupSize)
        {
            _full.Add(key);
        }

        _bestScores[key] = _bestScores.TryGetValue(key, out var best) ? (largerIsBetter ? Math.Max(best, hit.Score) : Math.Min(best, hit.Score)) : hit.Score;
    }

    /// <summary>The <c>limit</c> groups with the best best-score; equal scores keep the order groups were found in.</summary>
    private IEnumerable<GroupId> BestGroups() =>
        _bestScores
            .OrderBy(kv => largerIsBetter ? -kv.Value : kv.Value)
            .ThenBy(kv => _firstSeen[kv.Key])
            .Take(maxGroups)
            .Select(kv => kv.Key);

    private int Compare(ScoredPoint a, ScoredPoint b)
    {
        var c = largerIsBetter ? b.Score.CompareTo(a.Score) : a.Score.CompareTo(b.Score);
        return c != 0 ? c : a.Id.CompareTo(b.Id);
    }
}
