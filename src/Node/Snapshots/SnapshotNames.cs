using System.Globalization;
using Citadel.Common.Errors;

namespace Citadel.Node.Snapshots;

/// <summary>
/// Snapshot names come from URLs and request bodies and become file names, so only bare file names pass: no
/// separators (also not percent-encoded), no <c>.</c>/<c>..</c>, not empty, no control characters. Anything else is
/// answered as Qdrant answers a missing snapshot (404), which tells a prober nothing.
/// </summary>
internal static class SnapshotNames
{
    /// <summary>Suffix of snapshot files; listings show only these.</summary>
    public const string Extension = ".snapshot";

    /// <summary>Suffix of the checksum file written next to each snapshot.</summary>
    public const string ChecksumExtension = ".checksum";

    /// <summary>Returns <paramref name="name"/> when it is a bare file name; throws 404 otherwise.</summary>
    public static string Validate(string? name)
    {
        if (!IsBare(name) || !IsBare(Uri.UnescapeDataString(name!)))
        {
            throw NotFound(name ?? string.Empty);
        }

        return name!;
    }

    /// <summary>Qdrant's answer for a snapshot that does not exist.</summary>
    public static CitadelException NotFound(string name) => CitadelException.NotFound($"Snapshot {name} not found");

    /// <summary>A new snapshot's name: the owner's name and the UTC time, as Qdrant names them.</summary>
    public static string New(string prefix, DateTime utc) =>
        $"{prefix}-{utc.ToString("yyyy-MM-dd-HH-mm-ss", CultureInfo.InvariantCulture)}{Extension}";

    private static bool IsBare(string? name) =>
        !string.IsNullOrEmpty(name)
        && name is not ("." or "..")
        && name.Length <= 255
        && name.IndexOfAny(['/', '\\', '\0']) < 0
        && !name.Any(char.IsControl)
        && !Path.IsPathRooted(name);
}
