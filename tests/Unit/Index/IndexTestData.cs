using System.Text.Json;
using Citadel.Storage.Index;
using Citadel.Storage.Index.Hnsw;
using Citadel.Storage.Operations;
using Citadel.Storage.Points;
using Citadel.Storage.Segments;
using Citadel.Storage.Shards;
using Citadel.Storage.Vectors;
using Citadel.Tests.Unit.Storage;

namespace Citadel.Tests.Unit.Index;

/// <summary>Segments, shards and exact answers for index tests.</summary>
internal static class IndexTestData
{
    /// <summary>A sealed segment holding <paramref name="vectors"/> at offsets 0..n-1 (id = offset + 1).</summary>
    public static Segment SealedSegment(float[][] vectors, long id = 1)
    {
        var segment = new Segment(id, vectors.Length) { Appendable = false };
        var named = new Dictionary<string, float[]>(StringComparer.Ordinal);
        for (var i = 0; i < vectors.Length; i++)
        {
            named[string.Empty] = vectors[i];
            segment.Append(PointId.FromNum((ulong)i + 1), 1, Payload(i), named);
        }

        return segment;
    }

    /// <summary>A payload whose <c>bucket</c> is i mod 100, so "bucket &lt; k" selects k% of the points.</summary>
    public static JsonElement Payload(int i) => JsonSerializer.SerializeToElement(new { bucket = i % 100 });

    /// <summary>Exact top-k offsets by a similarity (larger is closer), among offsets <paramref name="allowed"/>.</summary>
    public static int[] TrueTop(float[][] vectors, float[] query, int k, Func<int, bool>? allowed = null, Distance distance = Distance.Cosine) =>
        Enumerable.Range(0, vectors.Length)
            .Where(i => allowed is null || allowed(i))
            .OrderByDescending(i => distance.Similarity(distance.Score(query, vectors[i])))
            .Take(k)
            .ToArray();

    /// <summary>Fraction of <paramref name="truth"/> present in <paramref name="found"/>, averaged over queries.</summary>
    public static double Recall(IReadOnlyList<int[]> truth, IReadOnlyList<int[]> found)
    {
        double hits = 0;
        double total = 0;
        for (var i = 0; i < truth.Count; i++)
        {
            hits += truth[i].Intersect(found[i]).Count();
            total += truth[i].Length;
        }

        return total == 0 ? 1 : hits / total;
    }

    public static HnswIndex Build(Segment segment, Distance distance = Distance.Cosine, int m = 16, int efConstruct = 100, int threads = 2) =>
        HnswIndex.Build(segment, string.Empty, distance, segment.DeletedSnapshot(), new HnswParameters(m, efConstruct), threads, CancellationToken.None);

    /// <summary>Shard options that index sealed segments of at least <paramref name="thresholdKb"/> KB.</summary>
    public static ShardOptions IndexedShard(int dim, int appendableCapacity, int thresholdKb, int fullScanKb = 0, Distance distance = Distance.Cosine, int m = 16) =>
        StorageTestData.SmallShard(appendableCapacity, target: 100) with
        {
            Indexing = new IndexingOptions(
                thresholdKb * 1024L,
                Math.Max(thresholdKb, fullScanKb) * 1024L,
                new Dictionary<string, VectorIndexSpec>(StringComparer.Ordinal) { [string.Empty] = new(distance, dim, m, 100, fullScanKb, 2) }),
        };

    public static List<PointStruct> PointsOf(float[][] vectors, ulong firstId = 1) =>
        vectors.Select((v, i) => new PointStruct(PointId.FromNum(firstId + (ulong)i), new Dictionary<string, float[]> { [string.Empty] = v }, Payload(i))).ToList();

    /// <summary>Runs maintenance until no segment waits for an index (builds are background tasks).</summary>
    public static async Task IndexAllAsync(Shard shard)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            shard.Maintain();
            await shard.IndexingTask;
            if (!shard.IndexingPending)
            {
                return;
            }

            // Another test's build may hold the node's build slot.
            await Task.Delay(20);
        }

        throw new TimeoutException("indexing did not settle");
    }
}
