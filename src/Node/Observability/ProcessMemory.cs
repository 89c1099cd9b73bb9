using System.Diagnostics;

namespace Citadel.Node.Observability;

/// <summary>
/// Memory figures in the shape of Qdrant's <c>MemoryTelemetry</c> (which reads jemalloc): here the managed heap
/// and the process. <c>metadata_bytes</c> has no .NET counterpart and is reported as 0.
/// </summary>
internal sealed record ProcessMemory(long ActiveBytes, long AllocatedBytes, long MetadataBytes, long ResidentBytes, long RetainedBytes)
{
    public static ProcessMemory Read()
    {
        var gc = GC.GetGCMemoryInfo();
        using var process = Process.GetCurrentProcess();
        return new ProcessMemory(
            ActiveBytes: gc.TotalCommittedBytes,
            AllocatedBytes: GC.GetTotalMemory(forceFullCollection: false),
            MetadataBytes: 0,
            ResidentBytes: process.WorkingSet64,
            RetainedBytes: process.VirtualMemorySize64);
    }

    /// <summary>Memory available to the process: the cgroup limit when one applies, else physical memory.</summary>
    public static long AvailableBytes() => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
}
