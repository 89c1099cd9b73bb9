using System.Diagnostics;
using System.Text.Json;
using Citadel.Storage.Index.Hnsw;
using Citadel.Storage.Points;
using Citadel.Storage.Segments;
using Citadel.Storage.Vectors;

namespace Citadel.Bench.Ann;

/// <summary>Citadel's side of the ANN benchmark: the segment HNSW index, in process.</summary>
internal sealed class CitadelAnn
{
    private readonly HnswIndex _index;

    private CitadelAnn(HnswIndex index, double buildSeconds, long bytes)
    {
        _index = index;
        BuildSeconds = buildSeconds;
        GraphBytes = bytes;
    }

    public double BuildSeconds { get; }

    /// <summary>Bytes of the graph (links and levels), vectors excluded.</summary>
    public long GraphBytes { get; }

    /// <summary>Managed heap growth over the build (after full collections): what the index really keeps.</summary>
    public long HeapGrowthBytes { get; init; }

    /// <summary>Bytes of the vectors themselves (held by the segment, not the index).</summary>
    public long VectorBytes { get; init; }

    public static CitadelAnn Build(float[] data, int dim, int m, int efConstruct, int threads)
    {
        var n = data.Length / dim;
        var segment = new Segment(1, n) { Appendable = false };
        var one = new Dictionary<string, float[]>(StringComparer.Ordinal) { [string.Empty] = new float[dim] };
        for (var i = 0; i < n; i++)
        {
            data.AsSpan(i * dim, dim).CopyTo(one[string.Empty]);
            segment.Append(PointId.FromNum((ulong)i), 1, default(JsonElement), one);
        }

        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var sw = Stopwatch.StartNew();
        var index = HnswIndex.Build(segment, string.Empty, Distance.Cosine, segment.DeletedSnapshot(), new HnswParameters(m, efConstruct), threads, CancellationToken.None);
        sw.Stop();
        var heapGrowth = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        var g = index.Graph;
        var bytes = (g.Level0.LongLength * 4) + (g.Upper.LongLength * 4) + (g.UpperStart.LongLength * 4) + g.Levels.LongLength;
        return new CitadelAnn(index, sw.Elapsed.TotalSeconds, bytes) { HeapGrowthBytes = heapGrowth, VectorBytes = (long)n * dim * sizeof(float) };
    }

    /// <summary>Graph search returning only offsets whose value mod 100 is below <paramref name="percent"/>.</summary>
    public int[] SearchFiltered(ReadOnlySpan<float> query, int k, int ef, int percent)
    {
        var filter = new ModuloFilter(percent);
        return [.. _index.Search(query, k, ef, ref filter, null).Select(h => h.Node)];
    }

    public int[] Search(ReadOnlySpan<float> query, int k, int ef)
    {
        var filter = default(AcceptAll);
        var hits = _index.Search(query, k, ef, ref filter, null);
        var ids = new int[hits.Length];
        for (var i = 0; i < hits.Length; i++)
        {
            ids[i] = hits[i].Node;
        }

        return ids;
    }
}
