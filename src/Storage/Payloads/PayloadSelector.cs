namespace Citadel.Storage.Payloads;

/// <summary>Which part of a payload to return (<c>with_payload</c>): all of it, none, only some paths, or all but some.</summary>
public sealed record PayloadSelector
{
    private PayloadSelector(PayloadSelectorKind kind, IReadOnlyList<JsonPath> paths)
    {
        Kind = kind;
        Paths = paths;
    }

    /// <summary>The whole payload (<c>with_payload: true</c>).</summary>
    public static PayloadSelector All { get; } = new(PayloadSelectorKind.All, []);

    /// <summary>No payload (<c>with_payload: false</c>).</summary>
    public static PayloadSelector None { get; } = new(PayloadSelectorKind.None, []);

    /// <summary>What this selector does with <see cref="Paths"/>.</summary>
    public PayloadSelectorKind Kind { get; }

    /// <summary>The paths to include or exclude; empty for <see cref="All"/> and <see cref="None"/>.</summary>
    public IReadOnlyList<JsonPath> Paths { get; }

    /// <summary>Only these paths, keeping their nesting (<c>with_payload: [..]</c> or <c>{"include": [..]}</c>).</summary>
    public static PayloadSelector Include(IEnumerable<JsonPath> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return new(PayloadSelectorKind.Include, [.. paths]);
    }

    /// <summary>Everything except these paths (<c>{"exclude": [..]}</c>).</summary>
    public static PayloadSelector Exclude(IEnumerable<JsonPath> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return new(PayloadSelectorKind.Exclude, [.. paths]);
    }

    /// <inheritdoc />
    public bool Equals(PayloadSelector? other) =>
        other is not null && Kind == other.Kind && Paths.SequenceEqual(other.Paths);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Kind);
        foreach (var path in Paths)
        {
            hash.Add(path);
        }

        return hash.ToHashCode();
    }
}

/// <summary>Kinds of <see cref="PayloadSelector"/>.</summary>
public enum PayloadSelectorKind
{
    /// <summary>Return the whole payload.</summary>
    All,

    /// <summary>Return no payload.</summary>
    None,

    /// <summary>Return only the given paths.</summary>
    Include,

    /// <summary>Return everything but the given paths.</summary>
    Exclude,
}
