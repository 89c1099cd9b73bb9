using Citadel.Storage.Points;

namespace Citadel.Storage.Query;

/// <summary>
/// A dense vector given directly, or the id of a stored point whose vector stands in for it (Qdrant's
/// <c>VectorInput</c>, as far as Citadel stores vectors). Exactly one of the two is set.
/// </summary>
public sealed record VectorInput
{
    private VectorInput(PointId? id, float[]? vector)
    {
        Id = id;
        Vector = vector;
    }

    /// <summary>The referenced point, when the input is an id.</summary>
    public PointId? Id { get; }

    /// <summary>The vector as given, when the input is a vector.</summary>
    public float[]? Vector { get; }

    /// <summary>The stored vector of point <paramref name="id"/>.</summary>
    public static VectorInput OfId(PointId id) => new(id, null);

    /// <summary>A vector given by the caller.</summary>
    public static VectorInput OfVector(float[] vector) => new(null, vector);
}
