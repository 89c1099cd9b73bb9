using Citadel.Grpc;

namespace Citadel.Tests.Integration.Grpc;

/// <summary>Terse builders for protobuf requests, so tests read as what they send.</summary>
internal static class GrpcBuilders
{
    public static PointId Id(ulong num) => new() { Num = num };

    public static PointId Id(string uuid) => new() { Uuid = uuid };

    public static Vectors Dense(params float[] data) => new() { Vector = new Vector { Dense = new DenseVector { Data = { data } } } };

    /// <summary>A vector in the deprecated flat <c>data</c> field, as clients before 1.16 send it.</summary>
    public static Vectors LegacyDense(params float[] data) => new() { Vector = new Vector { Data = { data } } };

    public static Vectors Named(params (string Name, float[] Data)[] vectors)
    {
        var named = new NamedVectors();
        foreach (var (name, data) in vectors)
        {
            named.Vectors.Add(name, new Vector { Dense = new DenseVector { Data = { data } } });
        }

        return new Vectors { Vectors_ = named };
    }

    public static PointStruct Point(ulong id, Vectors vectors, params (string Key, Value Value)[] payload)
    {
        var point = new PointStruct { Id = Id(id), Vectors = vectors };
        foreach (var (key, value) in payload)
        {
            point.Payload.Add(key, value);
        }

        return point;
    }

    public static CreateCollection Single(string name, ulong size, Distance distance) => new()
    {
        CollectionName = name,
        VectorsConfig = new VectorsConfig { Params = new VectorParams { Size = size, Distance = distance } },
    };

    public static Condition Match(string key, long value) =>
        new() { Field = new FieldCondition { Key = key, Match = new Match { Integer = value } } };

    public static Condition Match(string key, string value) =>
        new() { Field = new FieldCondition { Key = key, Match = new Match { Keyword = value } } };

    public static Condition Range(string key, double? gte = null, double? lt = null)
    {
        var range = new global::Citadel.Grpc.Range();
        if (gte is { } g)
        {
            range.Gte = g;
        }

        if (lt is { } l)
        {
            range.Lt = l;
        }

        return new Condition { Field = new FieldCondition { Key = key, Range = range } };
    }

    public static PointsSelector Ids(params ulong[] ids)
    {
        var list = new PointsIdsList();
        list.Ids.AddRange(ids.Select(Id));
        return new PointsSelector { Points = list };
    }

    public static PointsSelector Where(Filter filter) => new() { Filter = filter };

    public static WithPayloadSelector AllPayload => new() { Enable = true };

    public static WithVectorsSelector AllVectors => new() { Enable = true };

    public static Value Int(long v) => new() { IntegerValue = v };

    public static Value Double(double v) => new() { DoubleValue = v };

    public static Value Str(string v) => new() { StringValue = v };

    public static Value Bool(bool v) => new() { BoolValue = v };

    public static Value Null => new() { NullValue = NullValue.NullValue };

    public static Value List(params Value[] values) => new() { ListValue = new ListValue { Values = { values } } };

    public static Value Struct(params (string Key, Value Value)[] fields)
    {
        var s = new Struct();
        foreach (var (key, value) in fields)
        {
            s.Fields.Add(key, value);
        }

        return new Value { StructValue = s };
    }

    /// <summary>The dense data of an output vector, from whichever field the server filled.</summary>
    public static float[] Data(VectorOutput v) => v.VectorCase == VectorOutput.VectorOneofCase.Dense ? [.. v.Dense.Data] : [.. v.Data];
}
