using Citadel.Storage.Collections;
using G = Citadel.Grpc;

namespace Citadel.Node.Grpc.Conversions;

/// <summary>
/// <c>CollectionInfo</c>: the protobuf rendering of what <c>GET /collections/{name}</c> returns (status green, or
/// yellow while indexing, optimizer ok, counts, config, empty payload schema), field by field as Qdrant's own
/// conversion fills it.
/// </summary>
internal static class CollectionInfoConversions
{
    public static G.CollectionInfo ToProto(Collection c)
    {
        var config = c.Config;
        var info = new G.CollectionInfo
        {
            Status = c.IndexingPending ? G.CollectionStatus.Yellow : G.CollectionStatus.Green,
            OptimizerStatus = new G.OptimizerStatus { Ok = true, Error = string.Empty },
            SegmentsCount = (ulong)c.SegmentCount,
            PointsCount = (ulong)c.PointCount,
            IndexedVectorsCount = (ulong)c.IndexedVectorsCount,
            Config = Config(config),
        };
        foreach (var field in c.PayloadSchema.Fields)
        {
            info.PayloadSchema[field.Path.Text] = PayloadIndexConversions.Info(field.Schema, c.CountIndexedPoints(field.Path));
        }

        return info;
    }

    private static G.CollectionConfig Config(CollectionConfig config)
    {
        var result = new G.CollectionConfig
        {
            Params = Params(config.Params),
            HnswConfig = Hnsw(config.Hnsw),
            OptimizerConfig = Optimizers(config.Optimizers),
            WalConfig = Wal(config.Wal),
            StrictModeConfig = StrictModeConversions.ToProto(config.StrictMode),
        };
        if (QuantizationConversions.ToProto(config.Quantization) is { } q)
        {
            result.QuantizationConfig = q;
        }

        ValueConversions.CopyTo(config.Metadata, result.Metadata);
        return result;
    }

    private static G.CollectionParams Params(CollectionParams p)
    {
        var result = new G.CollectionParams
        {
            ShardNumber = p.ShardNumber,
            OnDiskPayload = p.OnDiskPayload,
            ReplicationFactor = p.ReplicationFactor,
            WriteConsistencyFactor = p.WriteConsistencyFactor,
            VectorsConfig = new G.VectorsConfig(),
        };

        if (!p.NamedVectors && p.Vectors.TryGetValue(string.Empty, out var single))
        {
            result.VectorsConfig.Params = VectorParams(single);
        }
        else
        {
            result.VectorsConfig.ParamsMap = new G.VectorParamsMap();
            foreach (var (name, vp) in p.Vectors)
            {
                result.VectorsConfig.ParamsMap.Map[name] = VectorParams(vp);
            }
        }

        // REST leaves out the default sharding method; so does this rendering.
        if (p.ShardingMethod == "custom")
        {
            result.ShardingMethod = G.ShardingMethod.Custom;
        }

        if (p.ReadFanOutFactor is { } rf)
        {
            result.ReadFanOutFactor = rf;
        }

        if (p.ReadFanOutDelayMs is { } rd)
        {
            result.ReadFanOutDelayMs = rd;
        }

        return result;
    }

    private static G.VectorParams VectorParams(VectorParams p)
    {
        var result = new G.VectorParams
        {
            Size = (ulong)p.Size,
            Distance = p.Distance switch
            {
                Storage.Vectors.Distance.Cosine => G.Distance.Cosine,
                Storage.Vectors.Distance.Euclid => G.Distance.Euclid,
                Storage.Vectors.Distance.Dot => G.Distance.Dot,
                Storage.Vectors.Distance.Manhattan => G.Distance.Manhattan,
                _ => G.Distance.UnknownDistance,
            },
        };

        if (p.HnswConfig is { } h)
        {
            result.HnswConfig = HnswDiff(h);
        }

        if (QuantizationConversions.ToProto(p.QuantizationConfig) is { } q)
        {
            result.QuantizationConfig = q;
        }

        if (p.OnDisk is { } onDisk)
        {
            result.OnDisk = onDisk;
        }

        if (p.Datatype == "float32")
        {
            result.Datatype = G.Datatype.Float32;
        }

        return result;
    }

    private static G.HnswConfigDiff HnswDiff(HnswConfigDiff h)
    {
        var result = new G.HnswConfigDiff();
        if (h.M is { } m)
        {
            result.M = (ulong)m;
        }

        if (h.EfConstruct is { } ef)
        {
            result.EfConstruct = (ulong)ef;
        }

        if (h.FullScanThreshold is { } fst)
        {
            result.FullScanThreshold = (ulong)fst;
        }

        if (h.MaxIndexingThreads is { } mit)
        {
            result.MaxIndexingThreads = (ulong)mit;
        }

        if (h.OnDisk is { } od)
        {
            result.OnDisk = od;
        }

        if (h.PayloadM is { } pm)
        {
            result.PayloadM = (ulong)pm;
        }

        return result;
    }

    private static G.HnswConfigDiff Hnsw(HnswConfig h)
    {
        var result = new G.HnswConfigDiff
        {
            M = (ulong)h.M,
            EfConstruct = (ulong)h.EfConstruct,
            FullScanThreshold = (ulong)h.FullScanThreshold,
            MaxIndexingThreads = (ulong)h.MaxIndexingThreads,
            OnDisk = h.OnDisk ?? false,
        };
        if (h.PayloadM is { } pm)
        {
            result.PayloadM = (ulong)pm;
        }

        return result;
    }

    private static G.OptimizersConfigDiff Optimizers(OptimizersConfig o)
    {
        var result = new G.OptimizersConfigDiff
        {
            DeletedThreshold = o.DeletedThreshold,
            VacuumMinVectorNumber = (ulong)o.VacuumMinVectorNumber,
            DefaultSegmentNumber = (ulong)o.DefaultSegmentNumber,
            FlushIntervalSec = o.FlushIntervalSec,
            // Qdrant fills both: the deprecated number when set, and the oneof (auto when unset).
            MaxOptimizationThreads = o.MaxOptimizationThreads is { } threads
                ? new G.MaxOptimizationThreads { Value = (ulong)threads }
                : new G.MaxOptimizationThreads { Setting = G.MaxOptimizationThreads.Types.Setting.Auto },
        };
        if (o.MaxOptimizationThreads is { } deprecated)
        {
            result.DeprecatedMaxOptimizationThreads = (ulong)deprecated;
        }

        if (o.MaxSegmentSize is { } mss)
        {
            result.MaxSegmentSize = (ulong)mss;
        }

        if (o.MemmapThreshold is { } mt)
        {
            result.MemmapThreshold = (ulong)mt;
        }

        if (o.IndexingThreshold is { } it)
        {
            result.IndexingThreshold = (ulong)it;
        }

        if (o.PreventUnoptimized is { } pu)
        {
            result.PreventUnoptimized = pu;
        }

        return result;
    }

    private static G.WalConfigDiff Wal(WalConfig w)
    {
        var result = new G.WalConfigDiff { WalCapacityMb = (ulong)w.WalCapacityMb, WalSegmentsAhead = (ulong)w.WalSegmentsAhead };
        if (w.WalRetainClosed is { } retain)
        {
            result.WalRetainClosed = (ulong)retain;
        }

        return result;
    }
}
