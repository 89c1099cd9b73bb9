using System.Security.Cryptography;
using Citadel.Common.Errors;

namespace Citadel.Node.Snapshots;

/// <summary>The optional <c>checksum</c> of recover and upload requests: a SHA-256 in hex, compared before anything is restored.</summary>
internal static class SnapshotChecksum
{
    /// <summary>Throws Qdrant's checksum mismatch (400 / DATA_LOSS) unless <paramref name="expected"/> is null or equals <paramref name="actual"/>.</summary>
    public static void Check(string? expected, string actual)
    {
        if (expected is not null && !string.Equals(expected.Trim(), actual, StringComparison.OrdinalIgnoreCase))
        {
            throw new CitadelException(ErrorKind.ChecksumMismatch, $"Checksum mismatch: expected {expected}, got {actual}");
        }
    }

    /// <summary>The lower-case hex SHA-256 of a file.</summary>
    public static async Task<string> OfFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
    }
}
