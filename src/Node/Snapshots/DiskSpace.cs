namespace Citadel.Node.Snapshots;

/// <summary>
/// Free-space checks for snapshot files: what may still be written below a directory while leaving the configured
/// reserve (<c>storage.snapshots_config.min_free_disk_mb</c>) free for the node's own WAL and checkpoints.
/// </summary>
internal static class DiskSpace
{
    /// <summary>Bytes that may be written to the file system of <paramref name="directory"/>, keeping <paramref name="reserveBytes"/> free.</summary>
    public static long Writable(string directory, long reserveBytes)
    {
        Directory.CreateDirectory(directory);
        var available = new DriveInfo(Path.GetFullPath(directory)).AvailableFreeSpace;
        return Math.Max(0, available - reserveBytes);
    }
}
