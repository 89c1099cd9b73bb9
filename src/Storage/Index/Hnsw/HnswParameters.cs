namespace Citadel.Storage.Index.Hnsw;

/// <summary>
/// Shape of an HNSW graph. <see cref="M"/> links per node on the upper layers and <see cref="M0"/> = 2·M on layer 0
/// (as in the paper and hnswlib); levels are drawn with mL = 1/ln(M), so each layer holds about 1/M of the one below.
/// </summary>
/// <param name="M">Links per node on layers above 0 (Qdrant's <c>m</c>).</param>
/// <param name="EfConstruct">Beam width while inserting (Qdrant's <c>ef_construct</c>).</param>
internal readonly record struct HnswParameters(int M, int EfConstruct)
{
    /// <summary>Links per node on layer 0.</summary>
    public int M0 => 2 * M;

    /// <summary>The level multiplier mL = 1/ln(M); M = 1 would make every node infinitely high, so it uses 1/ln 2.</summary>
    public double LevelMultiplier => 1.0 / Math.Log(Math.Max(2, M));
}
