using Citadel.Storage.Filtering;
using Citadel.Storage.Operations;
using Citadel.Storage.Payloads;
using Citadel.Storage.Points;
using Citadel.Storage.Search;
using Citadel.Storage.Shards;
using Citadel.Storage.Vectors;
using Citadel.Tests.Unit.Storage;

namespace Citadel.Tests.Unit.Index;

/// <summary>Indexing inside a shard: background builds, searches before and after, deletes, updates, reopen.</summary>
public sealed class IndexedShardTests : IDisposable
{
    private const int Dim = 32;
    private static readonly float[][] Vectors = ClusteredGaussian.Generate(3_000, Dim, clusters: 30, seed: 21);
    private static readonly float[][] Queries = ClusteredGaussian.Generate(20, Dim, clusters: 30, seed: 22);
    private readonly StorageTestData _data = new();

    // 1,000 points of 128 bytes = 125 KB per sealed segment: above a 100 KB threshold, so each gets an index.
    private static ShardOptions Options(int fullScanKb = 0, int thresholdKb = 100) => IndexTestData.IndexedShard(Dim, appendableCapacity: 1_000, thresholdKb, fullScanKb);

    [Fact]
    public async Task SealedSegments_AreIndexedInTheBackground_NotOnTheWritePath()
    {
        using var shard = await FilledShard();

        Assert.Equal(0, shard.IndexedVectorCount);
        Assert.True(shard.IndexingPending);
        await IndexTestData.IndexAllAsync(shard);

        Assert.Equal(3_000, shard.IndexedVectorCount);
        Assert.False(shard.IndexingPending);
        Assert.True(Recall(shard, SearchParams.Default) > 0.95);
    }

    [Fact]
    public async Task BeforeTheIndexIsReady_SearchIsExact()
    {
        using var shard = await FilledShard();

        foreach (var q in Queries)
        {
            Assert.Equal(TrueIds(q), Ids(shard, q, SearchParams.Default));
        }
    }

    [Fact]
    public async Task ExactParam_BypassesTheIndex()
    {
        using var shard = await FilledShard();
        await IndexTestData.IndexAllAsync(shard);

        foreach (var q in Queries)
        {
            Assert.Equal(TrueIds(q), Ids(shard, q, new SearchParams(HnswEf: 1, Exact: true, IndexedOnly: false)));
        }
    }

    [Fact]
    public async Task PointsDeletedBeforeIndexing_StayOutOfIndexAndResults()
    {
        using var shard = await FilledShard();
        // 900 live points of 128 bytes per segment stay above the 100 KB threshold.
        var doomed = Enumerable.Range(1, 3_000).Where(i => i % 10 == 0).Select(i => PointId.FromNum((ulong)i)).ToList();
        await shard.UpdateAsync(new DeletePoints(new IdsSelector(doomed)), wait: true);

        await IndexTestData.IndexAllAsync(shard);

        Assert.Equal(2_700, shard.IndexedVectorCount);
        foreach (var q in Queries)
        {
            Assert.DoesNotContain(Ids(shard, q, SearchParams.Default), id => id % 10 == 0);
        }
    }

    [Fact]
    public async Task DeletesAndUpdatesAfterIndexing_AreSeenBySearch()
    {
        using var shard = await FilledShard();
        await IndexTestData.IndexAllAsync(shard);
        var query = Queries[0];
        var before = Ids(shard, query, SearchParams.Default);

        await shard.UpdateAsync(new DeletePoints(new IdsSelector([PointId.FromNum(before[0])])), wait: true);
        // Moving the last-ranked point onto the query: it is copied to the appendable segment and must come first.
        var moved = before[^1];
        await shard.UpdateAsync(new UpdateVectors([new PointVectors(PointId.FromNum(moved), new Dictionary<string, float[]> { [string.Empty] = query })]), wait: true);

        var after = Ids(shard, query, SearchParams.Default);
        Assert.DoesNotContain(before[0], after);
        Assert.Equal(moved, after[0]);
        Assert.Equal(2_999, shard.PointCount);
    }

    [Fact]
    public async Task Indexes_SurviveAReopen_WithoutARebuild()
    {
        var dir = _data.NewDirectory();
        List<ulong>[] before;
        using (var shard = Shard.Open(0, dir, Options()))
        {
            await shard.UpdateAsync(new UpsertPoints(IndexTestData.PointsOf(Vectors)), wait: true);
            await IndexTestData.IndexAllAsync(shard);
            shard.Checkpoint();
            before = Queries.Select(q => Ids(shard, q, SearchParams.Default)).ToArray();
        }

        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(dir, "segments"), "*-hnsw-*.bin"));
        using var reopened = Shard.Open(0, dir, Options());

        Assert.Equal(3_000, reopened.IndexedVectorCount);
        Assert.False(reopened.IndexingPending);
        reopened.Maintain();
        await reopened.IndexingTask;
        Assert.Equal(0, reopened.IndexBuildsCompleted);
        Assert.Equal(before, Queries.Select(q => Ids(reopened, q, SearchParams.Default)).ToArray());
    }

    [Fact]
    public async Task DamagedIndexFile_IsRebuiltInsteadOfFailingTheShard()
    {
        var dir = _data.NewDirectory();
        using (var shard = Shard.Open(0, dir, Options()))
        {
            await shard.UpdateAsync(new UpsertPoints(IndexTestData.PointsOf(Vectors)), wait: true);
            await IndexTestData.IndexAllAsync(shard);
            shard.Checkpoint();
        }

        var victim = Directory.EnumerateFiles(Path.Combine(dir, "segments"), "*-hnsw-*.bin").First();
        var bytes = File.ReadAllBytes(victim);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(victim, bytes);

        using var reopened = Shard.Open(0, dir, Options());
        Assert.Equal(2_000, reopened.IndexedVectorCount);
        await IndexTestData.IndexAllAsync(reopened);
        Assert.Equal(1, reopened.IndexBuildsCompleted);
        Assert.Equal(3_000, reopened.IndexedVectorCount);
    }

    [Fact]
    public async Task IndexedOnly_SkipsBigSegmentsWaitingForAnIndex_ButSearchesSmallOnes()
    {
        using var shard = await FilledShard();
        var extra = ClusteredGaussian.Generate(10, Dim, clusters: 30, seed: 23);
        await shard.UpdateAsync(new UpsertPoints(IndexTestData.PointsOf(extra, firstId: 10_001)), wait: true);
        var indexedOnly = new SearchParams(null, Exact: false, IndexedOnly: true);

        var pending = Ids(shard, Queries[0], indexedOnly);
        Assert.Equal(10, pending.Count);
        Assert.All(pending, id => Assert.True(id > 10_000));
        Assert.Equal(pending, Ids(shard, Queries[0], indexedOnly with { Exact = true }));

        await IndexTestData.IndexAllAsync(shard);
        Assert.Equal(Ids(shard, Queries[0], SearchParams.Default), Ids(shard, Queries[0], indexedOnly));
    }

    [Fact]
    public async Task ChangedHnswParameters_RebuildTheIndexes_WhileTheOldOnesServe()
    {
        using var shard = await FilledShard();
        await IndexTestData.IndexAllAsync(shard);
        var built = shard.IndexBuildsCompleted;

        shard.Reconfigure(IndexTestData.IndexedShard(Dim, appendableCapacity: 1_000, thresholdKb: 100, m: 8));
        Assert.True(shard.IndexingPending);
        Assert.Equal(3_000, shard.IndexedVectorCount);
        await IndexTestData.IndexAllAsync(shard);

        Assert.Equal(built + 3, shard.IndexBuildsCompleted);
        Assert.True(Recall(shard, SearchParams.Default) > 0.9);
    }

    [Fact]
    public async Task VacuumedSegments_GetANewIndex()
    {
        // The vacuumed segment keeps 400 points = 50 KB: still worth an index at a 50 KB threshold.
        using var shard = await FilledShard(thresholdKb: 50);
        await IndexTestData.IndexAllAsync(shard);
        var doomed = Enumerable.Range(1, 600).Select(i => PointId.FromNum((ulong)i)).ToList();
        await shard.UpdateAsync(new DeletePoints(new IdsSelector(doomed)), wait: true);

        Assert.True(shard.Optimize());
        Assert.Equal(2_000, shard.IndexedVectorCount);
        await IndexTestData.IndexAllAsync(shard);

        Assert.Equal(2_400, shard.IndexedVectorCount);
        Assert.True(Recall(shard, SearchParams.Default, offset => offset >= 600) > 0.95);
    }

    [Fact]
    public async Task FilteredSearch_ThroughThePlanner_ReturnsOnlyMatches_WithHighRecall()
    {
        // full_scan_threshold 16 KB = 128 vectors of 32 floats: 1% filters scan, 50% filters take the graph.
        using var shard = Shard.Open(0, _data.NewDirectory(), Options(fullScanKb: 16));
        await shard.UpdateAsync(new UpsertPoints(IndexTestData.PointsOf(Vectors)), wait: true);
        await IndexTestData.IndexAllAsync(shard);

        foreach (var percent in new[] { 1, 50 })
        {
            var filter = Filter.MustAll(new FieldCondition(JsonPath.Parse("bucket")) { Range = new NumericRange(percent, null, null, null) });
            var truth = new List<int[]>();
            var found = new List<int[]>();
            foreach (var q in Queries)
            {
                truth.Add(IndexTestData.TrueTop(Vectors, q, 10, i => i % 100 < percent).Select(i => i + 1).ToArray());
                var hits = shard.Search(string.Empty, q, Distance.Cosine, filter, 10, null, PayloadSelector.None, VectorSelector.None, SearchParams.Default);
                Assert.All(hits, h => Assert.True((int)(h.Id.Num - 1) % 100 < percent));
                found.Add(hits.Select(h => (int)h.Id.Num).ToArray());
            }

            var recall = IndexTestData.Recall(truth, found);
            Assert.True(percent == 1 ? recall == 1.0 : recall > 0.95, $"{percent}%: {recall:F4}");
        }
    }

    private async Task<Shard> FilledShard(int thresholdKb = 100)
    {
        var shard = Shard.Open(0, _data.NewDirectory(), Options(thresholdKb: thresholdKb));
        await shard.UpdateAsync(new UpsertPoints(IndexTestData.PointsOf(Vectors)), wait: true);
        return shard;
    }

    private static List<ulong> Ids(Shard shard, float[] query, SearchParams p) =>
        shard.Search(string.Empty, query, Distance.Cosine, null, 10, null, PayloadSelector.None, VectorSelector.None, p).Select(h => h.Id.Num).ToList();

    private static List<ulong> TrueIds(float[] query, Func<int, bool>? alive = null) =>
        IndexTestData.TrueTop(Vectors, query, 10, alive).Select(i => (ulong)i + 1).ToList();

    private static double Recall(Shard shard, SearchParams p, Func<int, bool>? alive = null) => IndexTestData.Recall(
        Queries.Select(q => TrueIds(q, alive).Select(i => (int)i).ToArray()).ToList(),
        Queries.Select(q => Ids(shard, q, p).Select(i => (int)i).ToArray()).ToList());

    public void Dispose() => _data.Dispose();
}
