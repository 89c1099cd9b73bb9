namespace Citadel.Node.Observability.Quotas;

/// <summary>
/// Utilisation of the quota-managed resources on this node (Qdrant's <c>QuotaUsage</c>), in whole percent; null
/// where the platform does not say. <see cref="Exceeded"/> judges a config against it. Citadel reports quotas but
/// does not refuse writes over them yet.
/// </summary>
internal sealed record QuotaUsage(byte? ResidentMemoryPercent, byte? DiskUsagePercent)
{
    public static QuotaUsage Measure(string storageDirectory) => new(MemoryPercent(), DiskPercent(storageDirectory));

    /// <summary>Per resource: null when not enforced (disabled, no limit, not measurable), else whether over the limit.</summary>
    public (bool? ResidentMemory, bool? DiskUsage) Exceeded(QuotaConfig config) => (
        Over(config, config.MaxResidentMemoryPercent, ResidentMemoryPercent),
        Over(config, config.MaxDiskUsagePercent, DiskUsagePercent));

    private static bool? Over(QuotaConfig config, byte? limit, byte? usage) =>
        config.Enabled && limit is { } l && usage is { } u ? u >= l : null;

    private static byte? MemoryPercent()
    {
        var available = ProcessMemory.AvailableBytes();
        return available > 0 ? Percent(Environment.WorkingSet, available) : null;
    }

    private static byte? DiskPercent(string storageDirectory)
    {
        try
        {
            var drive = new DriveInfo(Path.GetFullPath(storageDirectory));
            return drive.TotalSize > 0 ? Percent(drive.TotalSize - drive.AvailableFreeSpace, drive.TotalSize) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    private static byte Percent(long used, long total) => (byte)Math.Clamp(Math.Round(100.0 * used / total), 0, 100);
}
