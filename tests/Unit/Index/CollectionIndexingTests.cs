using Citadel.Storage.Collections;
using Citadel.Storage.Index;
using Citadel.Storage.Operations;
using Citadel.Storage.Search;
using Citadel.Storage.Vectors;
using Citadel.Tests.Unit.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Citadel.Tests.Unit.Index;

/// <summary>Indexing as a collection shows it: status, indexed_vectors_count, per-vector hnsw_config.</summary>
public sealed class CollectionIndexingTests : IDisposable
{
    private readonly StorageTestData _data = new();

    [Fact]
    public async Task Collection_IsYellowWhileSegmentsAwaitIndexes_ThenGreenWithIndexedVectorsCounted()
    {
        using var manager = CollectionManager.Open(_data.NewDirectory(), CollectionDefaults.Qdrant, NullLogger.Instance);
        var config = CollectionDefaults.Qdrant.Complete(new CreateCollectionRequest
        {
            Vectors = new Dictionary<string, VectorParams>
            {
                ["a"] = new(32, Distance.Cosine),
                // m = 0 in the vector's own hnsw_config: no graph for "b", whatever the collection says.
                ["b"] = new(16, Distance.Euclid) { HnswConfig = new HnswConfigDiff(0, null, null, null, null, null) },
            },
            NamedVectors = true,
            Optimizers = new OptimizersConfigDiff(null, null, null, null, null, 100, null, null, null),
        });
        manager.Apply(new CreateCollectionOperation("c", config));
        var collection = manager.Get("c");
        var a = ClusteredGaussian.Generate(3_000, 32, 10, seed: 41);
        var b = ClusteredGaussian.Generate(3_000, 16, 10, seed: 42);
        var points = Enumerable.Range(0, 3_000).Select(i => new PointStruct(
            Citadel.Storage.Points.PointId.FromNum((ulong)i + 1),
            new Dictionary<string, float[]> { ["a"] = a[i], ["b"] = b[i] },
            IndexTestData.Payload(i))).ToList();

        await HoldBuildSlotAsync();
        try
        {
            await collection.UpdateAsync(new UpsertPoints(points), wait: true);
            Assert.True(collection.IndexingPending);
            Assert.Equal(0, collection.IndexedVectorsCount);
            var exact = collection.Search(new SearchRequest("a", a[7]) { Limit = 1 });
            Assert.Equal(8UL, exact[0].Id.Num);
        }
        finally
        {
            IndexBuildSlots.Release();
        }

        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (collection.IndexingPending && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.False(collection.IndexingPending);
        // 1,000-point sealed segments: 125 KB of "a" each reach the 100 KB threshold; "b" has m = 0.
        Assert.Equal(3_000, collection.IndexedVectorsCount);
        var hits = collection.Search(new SearchRequest("a", a[7]) { Limit = 1 });
        Assert.Equal(8UL, hits[0].Id.Num);
    }

    /// <summary>Blocks background builds node-wide (another test may hold the slot for a moment).</summary>
    private static async Task HoldBuildSlotAsync()
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!IndexBuildSlots.TryAcquire())
        {
            Assert.True(DateTime.UtcNow < deadline, "build slot never became free");
            await Task.Delay(10);
        }
    }

    public void Dispose() => _data.Dispose();
}
