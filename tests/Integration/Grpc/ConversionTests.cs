using System.Text.Json;
using Citadel.Grpc;
using Citadel.Node.Grpc.Conversions;
using Google.Protobuf.Collections;
using static Citadel.Tests.Integration.Grpc.GrpcBuilders;

namespace Citadel.Tests.Integration.Grpc;

/// <summary>The protobuf ↔ JSON conversions on their own: exact shapes and lossless round trips.</summary>
public sealed class ConversionTests
{
    [Fact]
    public void Payload_RoundTrip_KeepsIntegersAndDoublesApart()
    {
        var map = new MapField<string, Value>
        {
            ["one_double"] = Double(1.0),
            ["one_int"] = Int(1),
            ["tiny"] = Double(5e-324),
            ["huge"] = Double(1.7976931348623157e308),
            ["min"] = Int(long.MinValue),
            ["nested"] = List(Struct(("a", Double(-0.0))), Null),
        };

        var json = ValueConversions.Object(map);
        var back = new MapField<string, Value>();
        ValueConversions.CopyTo(json, back);

        Assert.Equal(map, back);
        Assert.Equal("1.0", json.GetProperty("one_double").GetRawText());
        Assert.Equal("1", json.GetProperty("one_int").GetRawText());
    }

    [Fact]
    public void JsonNumbers_BeyondInt64_RenderAsDoubles_AsInQdrant()
    {
        var json = JsonElement.Parse("""{"u64": 18446744073709551615, "exp": 1e2, "int": 7}""");
        var map = new MapField<string, Value>();

        ValueConversions.CopyTo(json, map);

        Assert.Equal(1.8446744073709552e19, map["u64"].DoubleValue);
        Assert.Equal(100.0, map["exp"].DoubleValue);
        Assert.Equal(7, map["int"].IntegerValue);
    }

    [Fact]
    public void EmptyPayloadMap_MeansNoPayload()
    {
        Assert.Equal(JsonValueKind.Undefined, ValueConversions.Payload([]).ValueKind);
    }

    [Theory]
    [MemberData(nameof(Quantizations))]
    public void Quantization_RoundTripsThroughTheRestJsonShape(string expectedJson, QuantizationConfig config)
    {
        var json = QuantizationConversions.ToJson(config);

        Assert.Equal(expectedJson, json.GetRawText());
        Assert.Equal(config, QuantizationConversions.ToProto(json));
    }

    public static TheoryData<string, QuantizationConfig> Quantizations => new()
    {
        { """{"scalar":{"type":"int8","quantile":0.99,"always_ram":true}}""", new QuantizationConfig { Scalar = new ScalarQuantization { Type = QuantizationType.Int8, Quantile = 0.99f, AlwaysRam = true } } },
        { """{"product":{"compression":"x16","memory":"pinned"}}""", new QuantizationConfig { Product = new ProductQuantization { Compression = CompressionRatio.X16, Memory = Memory.Pinned } } },
        { """{"binary":{"always_ram":false,"encoding":"two_bits","query_encoding":"scalar8bits"}}""", new QuantizationConfig { Binary = new BinaryQuantization { AlwaysRam = false, Encoding = BinaryQuantizationEncoding.TwoBits, QueryEncoding = new BinaryQuantizationQueryEncoding { Setting = BinaryQuantizationQueryEncoding.Types.Setting.Scalar8Bits } } } },
        { """{"turbo":{"bits":"bits1_5"}}""", new QuantizationConfig { Turboquant = new TurboQuantization { Bits = TurboQuantBitSize.Bits15 } } },
    };

    [Fact]
    public void StoredQuantizationOfUnknownShape_IsLeftOut()
    {
        Assert.Null(QuantizationConversions.ToProto(JsonElement.Parse("""{"scalar":{"type":"int4"}}""")));
        Assert.Null(QuantizationConversions.ToProto(JsonElement.Parse("\"Disabled\"")));
    }

    [Fact]
    public void StrictMode_RoundTripsThroughTheRestJsonShape()
    {
        var config = new StrictModeConfig
        {
            Enabled = true,
            MaxQueryLimit = 50,
            SearchMaxOversampling = 1.5f,
            UpsertMaxBatchsize = 1000,
            MultivectorConfig = new StrictModeMultivectorConfig { MultivectorConfig = { ["colbert"] = new StrictModeMultivector { MaxVectors = 8 } } },
            SparseConfig = new StrictModeSparseConfig { SparseConfig = { ["bm25"] = new StrictModeSparse { MaxLength = 100 } } },
        };

        var json = StrictModeConversions.ToJson(config);

        Assert.Equal(
            """{"enabled":true,"max_query_limit":50,"search_max_oversampling":1.5,"upsert_max_batchsize":1000,"multivector_config":{"colbert":{"max_vectors":8}},"sparse_config":{"bm25":{"max_length":100}}}""",
            json.GetRawText());
        Assert.Equal(config, StrictModeConversions.ToProto(json));
    }

    [Fact]
    public void NoStoredStrictMode_RendersAsDisabled()
    {
        Assert.Equal(new StrictModeConfig { Enabled = false }, StrictModeConversions.ToProto(null));
    }
}
