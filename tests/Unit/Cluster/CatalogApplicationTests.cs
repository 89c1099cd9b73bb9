using System.Text;
using Citadel.Consensus.State;
using Citadel.Node.Cluster;
using Citadel.Storage.Collections;
using Citadel.Storage.Operations;
using Citadel.Storage.Points;
using Microsoft.Extensions.Logging.Abstractions;
using static Citadel.Tests.Unit.Cluster.Catalogs;

namespace Citadel.Tests.Unit.Cluster;

/// <summary>
/// Collection metadata as the Raft application: the catalog is a pure function of the log, and storage follows it only
/// for entries above the materialised index (a replay after a restart never steps storage back).
/// </summary>
public sealed class CatalogApplicationTests : IDisposable
{
    private const ulong LocalPeer = 1;
    private static readonly Guid First = Guid.Parse("00000000-0000-0000-0000-0000000000a1");
    private static readonly Guid Second = Guid.Parse("00000000-0000-0000-0000-0000000000a2");

    private readonly string _dir = Directory.CreateTempSubdirectory("citadel-catalog-app-").FullName;

    private string StorageDirectory => Path.Combine(_dir, "storage");

    private string RaftDirectory => Path.Combine(_dir, "raft");

    [Fact]
    public void Apply_CreatesTheCollectionInStorageAndRecordsTheIndexDurably()
    {
        using var manager = OpenStorage();
        var materialized = OpenMaterialized();
        var app = new CatalogApplication(manager, materialized, NullLogger<CatalogApplication>.Instance);

        var result = app.Apply(1, Encode(Create("a", LocalPeer) with { Uuid = First }));

        Assert.Equal(CommandResult.Success(true), result);
        Assert.Equal(First, app.Catalog.Collections["a"].Uuid);
        Assert.Equal(First, manager.Get("a").Uuid);
        Assert.Equal(1, materialized.Value);
        Assert.Equal(1, OpenMaterialized().Value);
    }

    [Fact]
    public async Task Replay_AtOrBelowTheMaterializedIndex_RebuildsTheCatalogButLeavesStorageAlone()
    {
        // First life: a is created, deleted and created again (a new incarnation), and receives a point.
        using (var manager = OpenStorage())
        {
            var app = new CatalogApplication(manager, OpenMaterialized(), NullLogger<CatalogApplication>.Instance);
            foreach (var (index, payload) in History())
            {
                Assert.True(app.Apply(index, payload).Ok);
            }

            await manager.Get("a").UpdateAsync(new UpsertPoints([new PointStruct(PointId.FromNum(1), new Dictionary<string, float[]> { [string.Empty] = [1, 0] }, default)]), wait: true);
        }

        // Restart: the log is replayed from the start.
        using var reopened = OpenStorage();
        var materialized = OpenMaterialized();
        Assert.Equal(3, materialized.Value);
        var replay = new CatalogApplication(reopened, materialized, NullLogger<CatalogApplication>.Instance);

        var history = History();
        replay.Apply(history[0].Index, history[0].Payload);
        Assert.Equal(First, replay.Catalog.Collections["a"].Uuid);
        Assert.Equal(Second, reopened.Get("a").Uuid);
        Assert.Equal(1, reopened.Get("a").PointCount);

        replay.Apply(history[1].Index, history[1].Payload);
        Assert.False(replay.Catalog.Collections.ContainsKey("a"));
        Assert.NotNull(reopened.TryGet("a"));
        Assert.Equal(1, reopened.Get("a").PointCount);

        replay.Apply(history[2].Index, history[2].Payload);
        Assert.Equal(Second, replay.Catalog.Collections["a"].Uuid);
        Assert.Equal(1, reopened.Get("a").PointCount);
        Assert.Equal(3, materialized.Value);

        // The first new entry is materialised again, and storage keeps the data of the live incarnation.
        Assert.True(replay.Apply(4, Encode(Create("b", LocalPeer))).Ok);
        Assert.NotNull(reopened.TryGet("b"));
        Assert.Equal(Second, reopened.Get("a").Uuid);
        Assert.Equal(1, reopened.Get("a").PointCount);
        Assert.Equal(4, materialized.Value);
    }

    [Fact]
    public void Apply_GivesTheSameCatalogAndAnswersWhateverStorageAlreadyReflects()
    {
        using var fresh = OpenStorage();
        Directory.CreateDirectory(Path.Combine(_dir, "other-raft"));
        using var untouched = CollectionManager.Open(Path.Combine(_dir, "other-storage"), CollectionDefaults.Qdrant, NullLogger.Instance, localPeer: 2);
        var a = new CatalogApplication(fresh, OpenMaterialized(), NullLogger<CatalogApplication>.Instance);
        var aheadIndex = MaterializedIndex.Open(Path.Combine(_dir, "other-raft"));
        aheadIndex.Advance(1000);
        var b = new CatalogApplication(untouched, aheadIndex, NullLogger<CatalogApplication>.Instance);

        var entries = new List<byte[]>
        {
            Encode(Create("a", LocalPeer) with { Uuid = First }),
            Encode(Create("a", LocalPeer) with { Uuid = Second }),
            Encode(new ChangeAliasesOperation([new CreateAlias("a", "x")])),
            Encode(new DeleteCollectionOperation("missing")),
            Encoding.UTF8.GetBytes("{\"not\":\"an operation\"}"),
            Encode(Create("b", owner: 2)),
            Encode(new DeleteCollectionOperation("a")),
        };
        for (var i = 0; i < entries.Count; i++)
        {
            Assert.Equal(a.Apply(i + 1, entries[i]), b.Apply(i + 1, entries[i]));
        }

        Assert.Equal(Encoding.UTF8.GetString(CollectionCatalogJson.Write(a.Catalog)), Encoding.UTF8.GetString(CollectionCatalogJson.Write(b.Catalog)));
        Assert.Empty(untouched.CollectionNames);
        Assert.Equal(1000, aheadIndex.Value);
    }

    [Fact]
    public void Apply_AnInvalidOperation_FailsWithItsErrorKindAndChangesNothing()
    {
        using var manager = OpenStorage();
        var materialized = OpenMaterialized();
        var app = new CatalogApplication(manager, materialized, NullLogger<CatalogApplication>.Instance);
        app.Apply(1, Encode(Create("a", LocalPeer) with { Uuid = First }));
        var before = CollectionCatalogJson.Write(app.Catalog);

        var result = app.Apply(2, Encode(Create("a", LocalPeer) with { Uuid = Second }));

        Assert.False(result.Ok);
        Assert.Equal("AlreadyExists", result.ErrorKind);
        Assert.False(string.IsNullOrEmpty(result.Message));
        Assert.Equal(before, CollectionCatalogJson.Write(app.Catalog));
        Assert.Equal(First, manager.Get("a").Uuid);
        Assert.Equal(1, materialized.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("\"delete_collection\"")]
    [InlineData("{\"op\":\"create_collection\"}")]
    [InlineData("{\"op\":\"create_collection\",\"name\":\"b\",\"uuid\":\"not-a-guid\",\"config\":{}}")]
    [InlineData("{\"op\":\"no_such_operation\",\"name\":\"a\"}")]
    [InlineData("{\"op\":5,\"name\":\"a\"}")]
    [InlineData("{\"op\":\"delete_collection\",\"name\":5}")]
    [InlineData("{\"op\":\"delete_collection\",\"name\":null}")]
    [InlineData("{\"op\":\"create_collection\",\"name\":null,\"uuid\":\"00000000-0000-0000-0000-000000000001\",\"config\":{}}")]
    [InlineData("{\"op\":\"change_aliases\",\"actions\":[{}]}")]
    [InlineData("{\"op\":\"change_aliases\",\"actions\":[{\"delete_alias\":{\"alias_name\":null}}]}")]
    [InlineData("{\"op\":\"drop_payload_index\",\"name\":\"a\",\"field\":\"[[[\"}")]
    public void Apply_AMalformedPayload_IsABadRequestAndChangesNothing(string payload)
    {
        using var manager = OpenStorage();
        var materialized = OpenMaterialized();
        var app = new CatalogApplication(manager, materialized, NullLogger<CatalogApplication>.Instance);
        app.Apply(1, Encode(Create("a", LocalPeer)));
        var before = CollectionCatalogJson.Write(app.Catalog);

        var result = app.Apply(2, Encoding.UTF8.GetBytes(payload));

        Assert.False(result.Ok);
        Assert.Equal("BadRequest", result.ErrorKind);
        Assert.Equal(before, CollectionCatalogJson.Write(app.Catalog));
        Assert.Equal(1, materialized.Value);
    }

    [Fact]
    public void Snapshot_RestoresTheSameCatalogElsewhere()
    {
        using var manager = OpenStorage();
        var app = new CatalogApplication(manager, OpenMaterialized(), NullLogger<CatalogApplication>.Instance);
        app.Apply(1, Encode(Create("a", LocalPeer) with { Uuid = First }));
        app.Apply(2, Encode(Create("b", owner: 2)));
        app.Apply(3, Encode(new ChangeAliasesOperation([new CreateAlias("a", "x")])));

        Directory.CreateDirectory(Path.Combine(_dir, "other-raft"));
        using var other = CollectionManager.Open(Path.Combine(_dir, "other-storage"), CollectionDefaults.Qdrant, NullLogger.Instance, localPeer: 2);
        var otherIndex = MaterializedIndex.Open(Path.Combine(_dir, "other-raft"));
        var restored = new CatalogApplication(other, otherIndex, NullLogger<CatalogApplication>.Instance);
        restored.Restore(3, app.Snapshot());

        Assert.Equal(CollectionCatalogJson.Write(app.Catalog), CollectionCatalogJson.Write(restored.Catalog));
        Assert.True(other.Get("b").IsLocal);
        Assert.False(other.Get("a").IsLocal);
        Assert.Equal(3, otherIndex.Value);
    }

    [Fact]
    public void Restore_AtOrBelowTheMaterializedIndex_ReplacesTheCatalogOnly()
    {
        using var manager = OpenStorage();
        var materialized = OpenMaterialized();
        var app = new CatalogApplication(manager, materialized, NullLogger<CatalogApplication>.Instance);
        app.Apply(5, Encode(Create("a", LocalPeer) with { Uuid = Second }));
        var older = CollectionCatalogJson.Write(Catalogs.With(Create("old", LocalPeer)));

        app.Restore(5, older);

        Assert.True(app.Catalog.Collections.ContainsKey("old"));
        Assert.False(app.Catalog.Collections.ContainsKey("a"));
        Assert.Null(manager.TryGet("old"));
        Assert.Equal(Second, manager.Get("a").Uuid);
        Assert.Equal(5, materialized.Value);
    }

    [Fact]
    public void Restore_AboveTheMaterializedIndex_MakesStorageMatchTheSnapshot()
    {
        using var manager = OpenStorage();
        var materialized = OpenMaterialized();
        var app = new CatalogApplication(manager, materialized, NullLogger<CatalogApplication>.Instance);
        app.Apply(5, Encode(Create("a", LocalPeer)));

        app.Restore(9, CollectionCatalogJson.Write(Catalogs.With(Create("newer", LocalPeer))));

        Assert.NotNull(manager.TryGet("newer"));
        Assert.Null(manager.TryGet("a"));
        Assert.Equal(9, materialized.Value);
    }

    [Fact]
    public void Restore_AnEmptySnapshot_IsAnEmptyCatalog()
    {
        using var manager = OpenStorage();
        var materialized = OpenMaterialized();
        var app = new CatalogApplication(manager, materialized, NullLogger<CatalogApplication>.Instance);
        app.Apply(1, Encode(Create("a", LocalPeer)));

        app.Restore(2, ReadOnlySpan<byte>.Empty);

        Assert.Empty(app.Catalog.Collections);
        Assert.Null(manager.TryGet("a"));
        Assert.Equal(2, materialized.Value);
    }

    [Fact]
    public void MaterializedIndex_NeverStepsBackAndSurvivesReopening()
    {
        Directory.CreateDirectory(RaftDirectory);
        var index = MaterializedIndex.Open(RaftDirectory);
        Assert.Equal(0, index.Value);

        index.Advance(7);
        index.Advance(3);

        Assert.Equal(7, index.Value);
        Assert.Equal(7, MaterializedIndex.Open(RaftDirectory).Value);
    }

    [Fact]
    public void MaterializedIndex_ThatIsDamaged_RefusesToStartRatherThanReplayingOverStorage()
    {
        Directory.CreateDirectory(RaftDirectory);
        File.WriteAllText(Path.Combine(RaftDirectory, "materialized"), "12x");

        var e = Assert.Throws<Citadel.Node.Configuration.ConfigurationException>(() => MaterializedIndex.Open(RaftDirectory));

        Assert.Contains("damaged", e.Message, StringComparison.Ordinal);
        Assert.Contains("--reinit", e.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static byte[] Encode(CollectionMetaOperation operation) => MetaOperationJson.Encode(operation);

    private static List<(long Index, byte[] Payload)> History() =>
    [
        (1, Encode(Create("a", LocalPeer) with { Uuid = First })),
        (2, Encode(new DeleteCollectionOperation("a"))),
        (3, Encode(Create("a", LocalPeer) with { Uuid = Second })),
    ];

    private CollectionManager OpenStorage() => CollectionManager.Open(StorageDirectory, CollectionDefaults.Qdrant, NullLogger.Instance, localPeer: LocalPeer);

    private MaterializedIndex OpenMaterialized()
    {
        Directory.CreateDirectory(RaftDirectory);
        return MaterializedIndex.Open(RaftDirectory);
    }
}
