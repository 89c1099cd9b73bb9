namespace Citadel.Storage.Shards;

/// <summary>Tuning of one shard, derived from the collection's optimizer and WAL configuration.</summary>
/// <param name="AppendableCapacity">Points the appendable segment takes before it is sealed (and compacted).</param>
/// <param name="DeletedThreshold">Fraction of deleted points that makes a sealed segment worth vacuuming.</param>
/// <param name="VacuumMinVectorNumber">Sealed segments smaller than this are not vacuumed on their own.</param>
/// <param name="TargetSegmentCount">Sealed segments beyond this number are merged.</param>
/// <param name="MaxSegmentPoints">Merges never produce a segment larger than this.</param>
/// <param name="WalSegmentBytes">Size of one WAL file.</param>
/// <param name="FlushInterval">Longest time between checkpoints while there are changes.</param>
public sealed record ShardOptions(
    int AppendableCapacity,
    double DeletedThreshold,
    int VacuumMinVectorNumber,
    int TargetSegmentCount,
    long MaxSegmentPoints,
    long WalSegmentBytes,
    TimeSpan FlushInterval)
{
    /// <summary>Vector indexing and search planning; disabled unless the collection provides it.</summary>
    public Index.IndexingOptions Indexing { get; init; } = Index.IndexingOptions.Disabled;
}
