namespace Citadel.Storage.Search;

/// <summary>Which named vectors to return with a point (<c>with_vector</c>).</summary>
public sealed record VectorSelector(bool All, IReadOnlyList<string> Names)
{
    /// <summary>Return no vectors.</summary>
    public static readonly VectorSelector None = new(false, []);

    /// <summary>Return every vector.</summary>
    public static readonly VectorSelector Every = new(true, []);

    /// <summary>True when nothing is to be returned.</summary>
    public bool IsNone => !All && Names.Count == 0;

    /// <summary>True when the vector called <paramref name="name"/> is to be returned.</summary>
    public bool Includes(string name) => All || Names.Contains(name);
}
