using Citadel.Grpc;
using Grpc.Core;
using static Citadel.Tests.Integration.Grpc.GrpcBuilders;

namespace Citadel.Tests.Integration.Grpc;

/// <summary><c>qdrant.Collections</c>: lifecycle, info rendering, aliases.</summary>
[Collection(GrpcNodeCollection.Name)]
public sealed class CollectionTests(GrpcNodeFixture node)
{
    [Fact]
    public async Task Create_WithSingleVector_RendersItAsParamsInInfo()
    {
        var name = GrpcNodeFixture.UniqueName("single");

        var created = await node.Collections.CreateAsync(Single(name, 4, Distance.Cosine));
        var info = (await node.Collections.GetAsync(new GetCollectionInfoRequest { CollectionName = name })).Result;

        Assert.True(created.Result);
        Assert.True(created.Time >= 0);
        Assert.Equal(CollectionStatus.Green, info.Status);
        Assert.True(info.OptimizerStatus.Ok);
        Assert.Equal(0UL, info.PointsCount);
        Assert.True(info.SegmentsCount >= 1);
        Assert.Empty(info.PayloadSchema);
        var vectors = info.Config.Params.VectorsConfig;
        Assert.Equal(VectorsConfig.ConfigOneofCase.Params, vectors.ConfigCase);
        Assert.Equal(4UL, vectors.Params.Size);
        Assert.Equal(Distance.Cosine, vectors.Params.Distance);
        Assert.Equal(1U, info.Config.Params.ShardNumber);
        Assert.Equal(1U, info.Config.Params.ReplicationFactor);
        Assert.Equal(16UL, info.Config.HnswConfig.M);
        Assert.True(info.Config.OptimizerConfig.HasDeletedThreshold);
        Assert.True(info.Config.WalConfig.HasWalCapacityMb);
        Assert.False(info.Config.StrictModeConfig.Enabled);
    }

    [Fact]
    public async Task Create_WithNamedVectorsAndSettings_RendersThemBack()
    {
        var name = GrpcNodeFixture.UniqueName("named");
        var request = new CreateCollection
        {
            CollectionName = name,
            VectorsConfig = new VectorsConfig
            {
                ParamsMap = new VectorParamsMap
                {
                    Map =
                    {
                        ["image"] = new VectorParams { Size = 3, Distance = Distance.Dot, OnDisk = true, Datatype = Datatype.Float32 },
                        ["text"] = new VectorParams { Size = 2, Distance = Distance.Euclid, HnswConfig = new HnswConfigDiff { M = 32 } },
                    },
                },
            },
            HnswConfig = new HnswConfigDiff { EfConstruct = 200 },
            OptimizersConfig = new OptimizersConfigDiff { DefaultSegmentNumber = 2 },
            QuantizationConfig = new QuantizationConfig { Scalar = new ScalarQuantization { Type = QuantizationType.Int8, Quantile = 0.99f, AlwaysRam = true } },
            StrictModeConfig = new StrictModeConfig { Enabled = true, MaxQueryLimit = 100 },
            Metadata = { ["team"] = Str("search"), ["version"] = Int(3) },
        };

        Assert.True((await node.Collections.CreateAsync(request)).Result);
        var config = (await node.Collections.GetAsync(new GetCollectionInfoRequest { CollectionName = name })).Result.Config;

        var map = config.Params.VectorsConfig.ParamsMap.Map;
        Assert.Equal(["image", "text"], map.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(3UL, map["image"].Size);
        Assert.Equal(Distance.Dot, map["image"].Distance);
        Assert.True(map["image"].OnDisk);
        Assert.Equal(Datatype.Float32, map["image"].Datatype);
        Assert.Equal(32UL, map["text"].HnswConfig.M);
        Assert.Equal(200UL, config.HnswConfig.EfConstruct);
        Assert.Equal(2UL, config.OptimizerConfig.DefaultSegmentNumber);
        Assert.Equal(QuantizationType.Int8, config.QuantizationConfig.Scalar.Type);
        Assert.Equal(0.99f, config.QuantizationConfig.Scalar.Quantile);
        Assert.True(config.QuantizationConfig.Scalar.AlwaysRam);
        Assert.True(config.StrictModeConfig.Enabled);
        Assert.Equal(100U, config.StrictModeConfig.MaxQueryLimit);
        Assert.Equal("search", config.Metadata["team"].StringValue);
        Assert.Equal(3, config.Metadata["version"].IntegerValue);
    }

    [Fact]
    public async Task Create_Twice_FailsWithAlreadyExistsOrInvalidArgument()
    {
        var name = GrpcNodeFixture.UniqueName("twice");
        await node.Collections.CreateAsync(Single(name, 2, Distance.Dot));

        var e = await Assert.ThrowsAsync<RpcException>(() => node.Collections.CreateAsync(Single(name, 2, Distance.Dot)).ResponseAsync);

        Assert.Contains(e.StatusCode, new[] { StatusCode.AlreadyExists, StatusCode.InvalidArgument });
    }

    [Fact]
    public async Task ListAndExists_SeeTheCollectionUntilDeleted()
    {
        var name = GrpcNodeFixture.UniqueName("lifecycle");
        await node.Collections.CreateAsync(Single(name, 2, Distance.Dot));

        var listed = (await node.Collections.ListAsync(new ListCollectionsRequest())).Collections.Select(c => c.Name);
        var exists = await node.Collections.CollectionExistsAsync(new CollectionExistsRequest { CollectionName = name });
        var deleted = await node.Collections.DeleteAsync(new DeleteCollection { CollectionName = name });
        var existsAfter = await node.Collections.CollectionExistsAsync(new CollectionExistsRequest { CollectionName = name });

        Assert.Contains(name, listed);
        Assert.True(exists.Result.Exists);
        Assert.True(deleted.Result);
        Assert.False(existsAfter.Result.Exists);
    }

    [Fact]
    public async Task Update_ChangesOptimizerAndParamsAndDisablesQuantization()
    {
        var name = GrpcNodeFixture.UniqueName("update");
        var create = Single(name, 2, Distance.Dot);
        create.QuantizationConfig = new QuantizationConfig { Binary = new BinaryQuantization { AlwaysRam = false } };
        await node.Collections.CreateAsync(create);

        var updated = await node.Collections.UpdateAsync(new UpdateCollection
        {
            CollectionName = name,
            OptimizersConfig = new OptimizersConfigDiff { IndexingThreshold = 5000 },
            Params = new CollectionParamsDiff { ReplicationFactor = 2 },
            QuantizationConfig = new QuantizationConfigDiff { Disabled = new Disabled() },
        });
        var config = (await node.Collections.GetAsync(new GetCollectionInfoRequest { CollectionName = name })).Result.Config;

        Assert.True(updated.Result);
        Assert.Equal(5000UL, config.OptimizerConfig.IndexingThreshold);
        Assert.Equal(2U, config.Params.ReplicationFactor);
        Assert.Null(config.QuantizationConfig);
    }

    [Fact]
    public async Task Aliases_CanBeCreatedRenamedListedAndDeleted()
    {
        var name = GrpcNodeFixture.UniqueName("aliased");
        var alias = GrpcNodeFixture.UniqueName("alias");
        var renamed = GrpcNodeFixture.UniqueName("renamed");
        await node.Collections.CreateAsync(Single(name, 2, Distance.Dot));

        await node.Collections.UpdateAliasesAsync(new ChangeAliases { Actions = { new AliasOperations { CreateAlias = new CreateAlias { CollectionName = name, AliasName = alias } } } });
        var viaAlias = await node.Collections.GetAsync(new GetCollectionInfoRequest { CollectionName = alias });
        await node.Collections.UpdateAliasesAsync(new ChangeAliases { Actions = { new AliasOperations { RenameAlias = new RenameAlias { OldAliasName = alias, NewAliasName = renamed } } } });
        var ofCollection = await node.Collections.ListCollectionAliasesAsync(new ListCollectionAliasesRequest { CollectionName = name });
        var all = await node.Collections.ListAliasesAsync(new ListAliasesRequest());
        await node.Collections.UpdateAliasesAsync(new ChangeAliases { Actions = { new AliasOperations { DeleteAlias = new DeleteAlias { AliasName = renamed } } } });
        var afterDelete = await node.Collections.ListCollectionAliasesAsync(new ListCollectionAliasesRequest { CollectionName = name });

        Assert.Equal(CollectionStatus.Green, viaAlias.Result.Status);
        var only = Assert.Single(ofCollection.Aliases);
        Assert.Equal(renamed, only.AliasName);
        Assert.Equal(name, only.CollectionName);
        Assert.Contains(all.Aliases, a => a.AliasName == renamed && a.CollectionName == name);
        Assert.Empty(afterDelete.Aliases);
    }
}
