namespace Citadel.Storage.Filtering;

/// <summary>Numeric bounds; a null bound is open.</summary>
public sealed record NumericRange(double? Lt, double? Gt, double? Gte, double? Lte)
{
    /// <summary>True when <paramref name="value"/> lies inside every given bound.</summary>
    public bool Contains(double value) =>
        (Lt is not { } lt || value < lt) &&
        (Gt is not { } gt || value > gt) &&
        (Gte is not { } gte || value >= gte) &&
        (Lte is not { } lte || value <= lte);
}

/// <summary>Date-time bounds; a null bound is open. Compared as instants in UTC.</summary>
public sealed record DatetimeRange(DateTimeOffset? Lt, DateTimeOffset? Gt, DateTimeOffset? Gte, DateTimeOffset? Lte)
{
    /// <summary>True when <paramref name="value"/> lies inside every given bound.</summary>
    public bool Contains(DateTimeOffset value) =>
        (Lt is not { } lt || value < lt) &&
        (Gt is not { } gt || value > gt) &&
        (Gte is not { } gte || value >= gte) &&
        (Lte is not { } lte || value <= lte);
}

/// <summary>Bounds on the number of values at a key.</summary>
public sealed record ValuesCount(ulong? Lt, ulong? Gt, ulong? Gte, ulong? Lte)
{
    /// <summary>True when <paramref name="count"/> lies inside every given bound.</summary>
    public bool Contains(ulong count) =>
        (Lt is not { } lt || count < lt) &&
        (Gt is not { } gt || count > gt) &&
        (Gte is not { } gte || count >= gte) &&
        (Lte is not { } lte || count <= lte);
}
