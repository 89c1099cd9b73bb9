using System.Runtime.InteropServices;

namespace Citadel.Storage.IO;

/// <summary>
/// Makes directory entries durable. On POSIX a created or deleted file name only survives a power loss once the
/// directory itself is fsynced; .NET cannot open a directory as a <see cref="Microsoft.Win32.SafeHandles.SafeFileHandle"/>,
/// so this calls libc's open/fsync/close directly. Windows (NTFS) journals metadata itself and offers no directory
/// fsync, so it is a no-op there.
/// </summary>
internal static partial class DirectorySync
{
    private const int ORdOnly = 0;
    private const int OCloExecLinux = 0x80000; // same value on every Linux architecture .NET supports
    private const int EIntr = 4;
    private const int EBadF = 9;
    private const int EInval = 22;

    /// <summary>Fsyncs <paramref name="directory"/> so entries created or removed in it are durable.</summary>
    public static void Flush(string directory)
    {
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD()))
        {
            return;
        }

        // A read-only descriptor suffices for fsync on a directory. CLOEXEC (Linux only, where its value is fixed)
        // keeps the descriptor out of any child process started in the microseconds it is open.
        var flags = ORdOnly | (OperatingSystem.IsLinux() ? OCloExecLinux : 0);
        int fd;
        do
        {
            fd = Open(directory, flags);
        }
        while (fd < 0 && Marshal.GetLastPInvokeError() == EIntr);

        if (fd < 0)
        {
            throw Error("open", directory);
        }

        try
        {
            int rc;
            do
            {
                rc = Fsync(fd);
            }
            while (rc < 0 && Marshal.GetLastPInvokeError() == EIntr);

            // Like PostgreSQL, accept EINVAL/EBADF: some file systems simply do not support fsync on a directory,
            // and there is nothing better to do than rely on their own metadata ordering.
            if (rc < 0 && Marshal.GetLastPInvokeError() is not (EInval or EBadF))
            {
                throw Error("fsync", directory);
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    /// <summary>
    /// Deletes a file and makes the deletion durable before returning. Callers delete segments oldest first, one at
    /// a time, so whatever survives a crash is still a contiguous run of segments.
    /// </summary>
    public static void DeleteFile(string directory, string path)
    {
        File.Delete(path);
        Flush(directory);
    }

    /// <summary>Creates <paramref name="directory"/> (and missing parents) and makes their names durable.</summary>
    public static void CreateDurably(string directory)
    {
        var missing = new List<string>();
        for (var path = directory; path is not null && !Directory.Exists(path); path = Path.GetDirectoryName(path))
        {
            missing.Add(path);
        }

        if (missing.Count == 0)
        {
            return;
        }

        Directory.CreateDirectory(directory);
        foreach (var created in missing)
        {
            var parent = Path.GetDirectoryName(created);
            if (parent is not null)
            {
                Flush(parent);
            }
        }
    }

    private static IOException Error(string call, string directory)
    {
        var errno = Marshal.GetLastPInvokeError();
        return new IOException($"{call} on directory '{directory}' failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}).");
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
