using Citadel.Common.Errors;
using G = Citadel.Grpc;

namespace Citadel.Node.Grpc.Conversions;

/// <summary>
/// Dense vectors in and out. Input accepts both the <c>vector</c> oneof and the deprecated flat <c>data</c> field,
/// as Qdrant's conversions do; sparse, multi-dense and inference inputs are refused with the REST adapter's words.
/// </summary>
internal static class VectorConversions
{
    private const string Sparse = "Sparse vectors are not supported by Citadel yet";
    private const string Multi = "Multivectors are not supported by Citadel yet";
    private const string Inference = "Inference objects (documents, images) are not supported by Citadel: send vectors";

    /// <summary><c>Vectors</c>: the unnamed vector (name "") or a map of named vectors.</summary>
    public static Dictionary<string, float[]> ToDomain(G.Vectors vectors)
    {
        var result = new Dictionary<string, float[]>(StringComparer.Ordinal);
        switch (vectors.VectorsOptionsCase)
        {
            case G.Vectors.VectorsOptionsOneofCase.Vector:
                result[string.Empty] = Dense(vectors.Vector);
                break;
            case G.Vectors.VectorsOptionsOneofCase.Vectors_:
                foreach (var (name, v) in vectors.Vectors_.Vectors)
                {
                    result[name] = Dense(v);
                }

                break;
            default:
                throw GrpcInput.Invalid("No Vector Provided");
        }

        return result;
    }

    /// <summary>One <c>Vector</c> as a dense vector: the oneof wins over the deprecated fields.</summary>
    public static float[] Dense(G.Vector v) => v.VectorCase switch
    {
        G.Vector.VectorOneofCase.Dense => [.. v.Dense.Data],
        G.Vector.VectorOneofCase.Sparse => throw CitadelException.BadInput(Sparse),
        G.Vector.VectorOneofCase.MultiDense => throw CitadelException.BadInput(Multi),
        G.Vector.VectorOneofCase.Document or G.Vector.VectorOneofCase.Image or G.Vector.VectorOneofCase.Object => throw CitadelException.BadInput(Inference),
        _ when v.Indices is not null => throw CitadelException.BadInput(Sparse),
        _ when v.HasVectorsCount => throw CitadelException.BadInput(Multi),
        _ => [.. v.Data],
    };

    /// <summary>A <c>VectorInput</c> of the query API: a dense vector or a point id; anything else is refused.</summary>
    public static Storage.Query.VectorInput QueryInput(G.VectorInput input) => input.VariantCase switch
    {
        G.VectorInput.VariantOneofCase.Id => Storage.Query.VectorInput.OfId(PointIdConversions.ToDomain(input.Id)),
        G.VectorInput.VariantOneofCase.Dense => Storage.Query.VectorInput.OfVector([.. input.Dense.Data]),
        G.VectorInput.VariantOneofCase.Sparse => throw CitadelException.BadInput(Sparse),
        G.VectorInput.VariantOneofCase.MultiDense => throw CitadelException.BadInput(Multi),
        G.VectorInput.VariantOneofCase.Document or G.VectorInput.VariantOneofCase.Image or G.VectorInput.VariantOneofCase.Object => throw CitadelException.BadInput(Inference),
        _ => throw GrpcInput.Invalid("VectorInput variant is missing"),
    };

    /// <summary>A legacy <c>VectorExample</c> (recommend, discover): a point id or a vector.</summary>
    public static Storage.Query.VectorInput Example(G.VectorExample example) => example.ExampleCase switch
    {
        G.VectorExample.ExampleOneofCase.Id => Storage.Query.VectorInput.OfId(PointIdConversions.ToDomain(example.Id)),
        G.VectorExample.ExampleOneofCase.Vector => Storage.Query.VectorInput.OfVector(Dense(example.Vector)),
        _ => throw GrpcInput.Invalid("VectorExample example is missing"),
    };

    /// <summary>
    /// <c>VectorsOutput</c>: the unnamed vector alone as <c>vector</c>, otherwise the <c>vectors</c> map (Qdrant's
    /// <c>VectorStructOutput</c>). Each vector fills both the <c>dense</c> oneof, which current clients read first,
    /// and the deprecated <c>data</c> field that older clients read.
    /// </summary>
    public static G.VectorsOutput ToProto(IReadOnlyDictionary<string, float[]> vectors)
    {
        if (vectors.Count == 1 && vectors.TryGetValue(string.Empty, out var single))
        {
            return new G.VectorsOutput { Vector = Output(single) };
        }

        var named = new G.NamedVectorsOutput();
        foreach (var (name, v) in vectors)
        {
            named.Vectors.Add(name, Output(v));
        }

        return new G.VectorsOutput { Vectors = named };
    }

    private static G.VectorOutput Output(float[] v)
    {
        var output = new G.VectorOutput { Dense = new G.DenseVector() };
        output.Dense.Data.AddRange(v);
        output.Data.AddRange(v);
        return output;
    }
}
