namespace Citadel.Storage.Index.Payload.Stores;

/// <summary>
/// A contiguous run of sorted keys given by two monotone tests: <see cref="FromLower"/> turns from false to true once
/// keys reach the lower bound, <see cref="ToUpper"/> stays true up to the upper bound and false after it (it is only
/// asked about keys that passed <see cref="FromLower"/>, so a prefix test works there too).
/// </summary>
internal readonly record struct KeyRange<TKey>(Func<TKey, bool> FromLower, Func<TKey, bool> ToUpper)
{
    /// <summary>Every key.</summary>
    public static KeyRange<TKey> All { get; } = new(_ => true, _ => true);

    /// <summary>True when the key lies in the run.</summary>
    public bool Contains(TKey key) => FromLower(key) && ToUpper(key);
}
