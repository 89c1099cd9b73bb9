namespace Citadel.Storage.Filtering;

/// <summary>
/// A boolean filter over points, Qdrant's <c>Filter</c>: every <see cref="Must"/> condition holds, at least one
/// <see cref="Should"/> condition holds (when any are given), no <see cref="MustNot"/> condition holds, and at least
/// <see cref="MinShould"/>.MinCount of its conditions hold.
/// </summary>
public sealed record Filter(
    IReadOnlyList<Condition> Must,
    IReadOnlyList<Condition> Should,
    IReadOnlyList<Condition> MustNot,
    MinShould? MinShould)
{
    /// <summary>A filter that matches every point.</summary>
    public static readonly Filter Empty = new([], [], [], null);

    /// <summary>A filter that requires all of <paramref name="conditions"/>.</summary>
    public static Filter MustAll(params Condition[] conditions) => new(conditions, [], [], null);
}

/// <summary>At least <see cref="MinCount"/> of <see cref="Conditions"/> must hold.</summary>
public sealed record MinShould(IReadOnlyList<Condition> Conditions, int MinCount);
