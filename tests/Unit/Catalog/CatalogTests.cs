using System.Text;
using System.Text.Json;
using Citadel.Common.Errors;
using Citadel.Storage.Collections;
using Citadel.Storage.Index.Payload.Schema;
using Citadel.Storage.Operations;
using Citadel.Storage.Payloads;
using Citadel.Storage.Points;
using Citadel.Storage.Vectors;
using Microsoft.Extensions.Logging.Abstractions;

namespace Citadel.Tests.Unit.Catalog;

public sealed class CatalogTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("citadel-catalog-").FullName;

    public static TheoryData<string> Operations => [.. AllOperations().Select(op => Encoding.UTF8.GetString(MetaOperationJson.Encode(op))).Distinct()];

    [Theory]
    [MemberData(nameof(Operations))]
    public void EveryMetaOperation_RoundTripsThroughTheRaftEncoding(string json)
    {
        var decoded = MetaOperationJson.Decode(Encoding.UTF8.GetBytes(json));
        Assert.Equal(json, Encoding.UTF8.GetString(MetaOperationJson.Encode(decoded)));
    }

    [Fact]
    public void ReplicasApplyingTheSameOperations_AgreeOnCatalogAndAnswers()
    {
        var a = CollectionCatalog.Empty;
        var b = CollectionCatalog.Empty;
        foreach (var op in AllOperations())
        {
            var (na, ra) = Outcome(a, op);
            var (nb, rb) = Outcome(b, MetaOperationJson.Decode(MetaOperationJson.Encode(op)));
            Assert.Equal(ra, rb);
            a = na;
            b = nb;
        }

        Assert.Equal(CollectionCatalogJson.Write(a), CollectionCatalogJson.Write(b));
        Assert.Equal(CollectionCatalogJson.Write(a), CollectionCatalogJson.Write(CollectionCatalogJson.Read(CollectionCatalogJson.Write(a))));
    }

    [Fact]
    public void InvalidOperations_FailTheSameWayAndChangeNothing()
    {
        var (catalog, _) = CollectionCatalog.Empty.Apply(Create("a"));
        var before = CollectionCatalogJson.Write(catalog);
        Assert.Equal(ErrorKind.AlreadyExists, Assert.Throws<CitadelException>(() => catalog.Apply(Create("a"))).Kind);
        Assert.Equal(ErrorKind.NotFound, Assert.Throws<CitadelException>(() => catalog.Apply(new ChangeAliasesOperation([new DeleteAlias("nope")]))).Kind);
        Assert.Equal(before, CollectionCatalogJson.Write(catalog));
    }

    [Fact]
    public async Task Reconcile_KeepsOnlyMetadataForCollectionsOwnedByAnotherPeer()
    {
        using var manager = CollectionManager.Open(_dir, CollectionDefaults.Qdrant, NullLogger.Instance, localPeer: 1);
        var (catalog, _) = CollectionCatalog.Empty.Apply(Create("mine") with { Owner = 1 });
        (catalog, _) = catalog.Apply(Create("theirs") with { Owner = 2 });
        manager.Reconcile(catalog);

        Assert.True(manager.Get("mine").IsLocal);
        Assert.False(manager.Get("theirs").IsLocal);
        Assert.Empty(manager.Get("theirs").Shards);
        Assert.False(Directory.Exists(Path.Combine(_dir, "collections", "theirs", "0")));
        await manager.Get("mine").UpdateAsync(new UpsertPoints([new PointStruct(PointId.FromNum(1), new Dictionary<string, float[]> { [string.Empty] = [1, 0] }, default)]), wait: true);
        Assert.Equal(1, manager.Get("mine").PointCount);
    }

    [Fact]
    public async Task Reconcile_ReplacesACollectionWhoseIdentityChanged()
    {
        using var manager = CollectionManager.Open(_dir, CollectionDefaults.Qdrant, NullLogger.Instance);
        manager.Apply(Create("c"));
        await manager.Get("c").UpdateAsync(new UpsertPoints([new PointStruct(PointId.FromNum(1), new Dictionary<string, float[]> { [string.Empty] = [1, 0] }, default)]), wait: true);

        var (deleted, _) = manager.Catalog.Apply(new DeleteCollectionOperation("c"));
        var (recreated, _) = deleted.Apply(Create("c"));
        manager.Reconcile(recreated);
        Assert.Equal(0, manager.Get("c").PointCount);
    }

    [Fact]
    public void ReopeningStorage_RebuildsTheSameCatalog()
    {
        byte[] before;
        using (var manager = CollectionManager.Open(_dir, CollectionDefaults.Qdrant, NullLogger.Instance))
        {
            foreach (var op in AllOperations())
            {
                try
                {
                    manager.Apply(op);
                }
                catch (CitadelException)
                {
                    // Part of the sequence is invalid on purpose.
                }
            }

            before = CollectionCatalogJson.Write(manager.Catalog);
        }

        using var reopened = CollectionManager.Open(_dir, CollectionDefaults.Qdrant, NullLogger.Instance);
        Assert.Equal(Encoding.UTF8.GetString(before), Encoding.UTF8.GetString(CollectionCatalogJson.Write(reopened.Catalog)));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (CollectionCatalog, string) Outcome(CollectionCatalog catalog, CollectionMetaOperation op)
    {
        try
        {
            var (next, result) = catalog.Apply(op);
            return (next, result.ToString());
        }
        catch (CitadelException e)
        {
            return (catalog, e.Message);
        }
    }

    private static CreateCollectionOperation Create(string name) =>
        new(name, CollectionDefaults.Qdrant.Complete(new CreateCollectionRequest { Vectors = new Dictionary<string, VectorParams> { [string.Empty] = new(2, Distance.Dot) } }));

    private static IEnumerable<CollectionMetaOperation> AllOperations()
    {
        yield return Create("a") with { Uuid = Guid.Parse("00000000-0000-0000-0000-00000000000a"), Owner = 7 };
        yield return Create("b") with { Uuid = Guid.Parse("00000000-0000-0000-0000-00000000000b") };
        yield return new UpdateCollectionOperation("a", new CollectionUpdate
        {
            Optimizers = new OptimizersConfigDiff(0.3, null, 2, null, null, 5000, 3, null, null),
            Hnsw = new HnswConfigDiff(32, null, null, null, null, null),
            Params = new CollectionParamsDiff(null, 1, null, null, false),
            Metadata = JsonSerializer.SerializeToElement(new { team = "search" }),
            QuantizationDisabled = true,
        });
        yield return new ChangeAliasesOperation([new CreateAlias("a", "x"), new RenameAlias("x", "y"), new CreateAlias("b", "z")]);
        yield return new ChangeAliasesOperation([new DeleteAlias("missing")]);
        yield return new CreatePayloadIndexOperation("a", JsonPath.Parse("city"), PayloadFieldSchema.Of(PayloadSchemaType.Keyword));
        yield return new CreatePayloadIndexOperation("a", JsonPath.Parse("n"), PayloadFieldSchema.Of(PayloadSchemaType.Integer));
        yield return new DropPayloadIndexOperation("a", JsonPath.Parse("city"));
        yield return new DeleteCollectionOperation("b");
        yield return new DeleteCollectionOperation("b");
    }
}
