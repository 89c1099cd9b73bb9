namespace Citadel.Storage.Index;

/// <summary>How many live points of a segment a filter matches: a guaranteed range and a best guess.</summary>
internal readonly record struct CardinalityEstimate(long Min, long Expected, long Max)
{
    public static CardinalityEstimate Exact(long count) => new(count, count, count);
}
