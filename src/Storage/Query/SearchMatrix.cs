using Citadel.Storage.Filtering;
using Citadel.Storage.Points;
using Citadel.Storage.Search;

namespace Citadel.Storage.Query;

/// <summary>A distance matrix over a random sample of points (<c>points/search/matrix/*</c>).</summary>
/// <param name="Filter">Only sample points matching this filter.</param>
/// <param name="Sample">How many points to sample.</param>
/// <param name="Limit">Nearest sampled neighbours per sampled point.</param>
/// <param name="Using">Vector name ("" = unnamed).</param>
public sealed record SearchMatrixRequest(Filter? Filter, int Sample, int Limit, string Using)
{
    /// <summary>Qdrant's default sample size.</summary>
    public const int DefaultSample = 10;

    /// <summary>Qdrant's default neighbours per sample.</summary>
    public const int DefaultLimit = 3;
}

/// <summary>The sampled ids (sorted) and, row by row, each one's nearest sampled neighbours.</summary>
public sealed record SearchMatrixResult(IReadOnlyList<PointId> Ids, IReadOnlyList<IReadOnlyList<ScoredPoint>> Neighbours)
{
    /// <summary>The empty matrix (fewer than two points to sample).</summary>
    public static readonly SearchMatrixResult Empty = new([], []);

    /// <summary>Each (sample, neighbour, score) triple, row by row (the <c>pairs</c> shape).</summary>
    public IEnumerable<(PointId A, PointId B, float Score)> Pairs()
    {
        for (var row = 0; row < Ids.Count; row++)
        {
            foreach (var p in Neighbours[row])
            {
                yield return (Ids[row], p.Id, p.Score);
            }
        }
    }

    /// <summary>The same triples as row and column offsets into <see cref="Ids"/> (the <c>offsets</c> shape).</summary>
    public (List<ulong> Rows, List<ulong> Columns, List<float> Scores) Offsets()
    {
        var column = new Dictionary<PointId, int>(Ids.Count);
        for (var i = 0; i < Ids.Count; i++)
        {
            column[Ids[i]] = i;
        }

        var rows = new List<ulong>();
        var columns = new List<ulong>();
        var scores = new List<float>();
        for (var row = 0; row < Ids.Count; row++)
        {
            foreach (var p in Neighbours[row])
            {
                rows.Add((ulong)row);
                columns.Add((ulong)column[p.Id]);
                scores.Add(p.Score);
            }
        }

        return (rows, columns, scores);
    }
}
