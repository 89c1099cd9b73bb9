using System.Text.Json;
using Citadel.Storage.Collections;
using Citadel.Storage.Operations;
using Citadel.Storage.Points;
using Citadel.Storage.Query;
using Citadel.Storage.Search;
using Citadel.Storage.Vectors;
using Citadel.Tests.Unit.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Citadel.Tests.Unit.Query;

/// <summary>A throw-away node storage with collections of fixed-seed points for query engine tests.</summary>
internal sealed class QueryTestStore : IDisposable
{
    private readonly StorageTestData _dirs = new();

    public QueryTestStore() => Manager = CollectionManager.Open(_dirs.Root, CollectionDefaults.Qdrant, NullLogger.Instance);

    public CollectionManager Manager { get; }

    /// <summary>A collection with one vector per name ("" = unnamed) and the given number of shards.</summary>
    public Collection Create(string name, Dictionary<string, VectorParams> vectors, uint shards = 1)
    {
        var request = new CreateCollectionRequest { Vectors = vectors, NamedVectors = vectors.Keys.Any(k => k.Length > 0), ShardNumber = shards };
        Manager.Apply(new CreateCollectionOperation(name, CollectionDefaults.Qdrant.Complete(request)));
        return Manager.Get(name);
    }

    public Collection Create(string name, int dim, Distance distance, uint shards = 1) =>
        Create(name, new Dictionary<string, VectorParams> { [string.Empty] = new(dim, distance) }, shards);

    public static async Task Upsert(Collection collection, IEnumerable<TestPoint> points) =>
        await collection.UpdateAsync(new UpsertPoints(points.Select(p => p.ToStruct()).ToList()), wait: true);

    public List<ScoredPoint> Query(Collection collection, QueryRequest request) => collection.Query(request, Manager.TryGet);

    public List<PointGroup> Groups(Collection collection, QueryGroupsRequest request) => collection.QueryGroups(request, Manager.TryGet);

    /// <summary><paramref name="count"/> points with ids 1.., random vectors in [-1, 1) and <c>{"group": id % groups, "n": id}</c>.</summary>
    public static List<TestPoint> Points(int count, int dim, int seed, int groups = 5)
    {
        var rng = new Random(seed);
        return Enumerable.Range(1, count)
            .Select(i => new TestPoint((ulong)i, Vector(rng, dim), new Dictionary<string, object> { ["group"] = i % groups, ["n"] = i }))
            .ToList();
    }

    public static float[] Vector(Random rng, int dim) => Enumerable.Range(0, dim).Select(_ => (float)((rng.NextDouble() * 2) - 1)).ToArray();

    public void Dispose()
    {
        Manager.Dispose();
        _dirs.Dispose();
    }
}

/// <summary>A point as the tests know it: the vector as sent and a plain payload.</summary>
internal sealed record TestPoint(ulong Id, float[] Vector, Dictionary<string, object> Payload)
{
    public PointId PointId => PointId.FromNum(Id);

    public PointStruct ToStruct() =>
        new(PointId, new Dictionary<string, float[]> { [string.Empty] = Vector }, JsonSerializer.SerializeToElement(Payload));
}
