using Citadel.Storage.Search;

namespace Citadel.Storage.Query.Fusion;

/// <summary>Fused results are ranked by score, highest first; Qdrant leaves ties unordered, Citadel puts the smaller id first.</summary>
internal static class FusedOrder
{
    public static List<ScoredPoint> Sort(IEnumerable<ScoredPoint> points)
    {
        var list = points.ToList();
        list.Sort((a, b) =>
        {
            var c = b.Score.CompareTo(a.Score);
            return c != 0 ? c : a.Id.CompareTo(b.Id);
        });
        return list;
    }
}
