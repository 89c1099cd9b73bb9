namespace Citadel.Node.Configuration;

/// <summary>One <c>--snapshot PATH:NAME</c> argument: a snapshot file and the collection to recover it into.</summary>
/// <param name="Path">Snapshot file, as given.</param>
/// <param name="CollectionName">Target collection.</param>
public sealed record CollectionSnapshotArgument(string Path, string CollectionName)
{
    /// <summary>
    /// Splits <c>PATH:NAME</c> on the last colon, so paths that contain colons (e.g. <c>C:\x.snapshot</c>)
    /// still work; collection names cannot contain one.
    /// </summary>
    public static bool TryParse(string text, out CollectionSnapshotArgument? argument, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        argument = null;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            error = $"invalid value '{text}' for '--snapshot <PATH:NAME>': expected <snapshot file path>:<collection name>, e.g. ./backups/books.snapshot:books";
            return false;
        }

        error = null;
        argument = new CollectionSnapshotArgument(text[..colon], text[(colon + 1)..]);
        return true;
    }
}
