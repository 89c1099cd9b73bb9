using System.Buffers;
using Microsoft.Win32.SafeHandles;
using Citadel.Storage.IO;

namespace Citadel.Storage.Wal;

/// <summary>
/// A shard's write-ahead log: numbered, checksummed records in rolling segment files, made durable by a
/// background group-commit flusher. See <see cref="Open"/> for recovery and the members for their guarantees.
/// </summary>
public sealed partial class WriteAheadLog : IDisposable, IAsyncDisposable
{
    private const string LockFileName = "wal.lock";

    // Small records are copied behind their header so one write carries both; big ones are written in two calls
    // rather than copied (a crash in between leaves a header whose payload runs past EOF, which recovery drops).
    private const int CopyThreshold = 64 * 1024;

    private readonly string _directory;
    private readonly WalOptions _options;
    private readonly SafeFileHandle _directoryLock;

    // Guards the mutable state below. Lock order: _fsyncGate or _truncateGate first, _sync last, never reversed.
    private readonly object _sync = new();
    private readonly List<WalSegment> _segments;
    private WalSegment _active;
    private long _closedBytes;
    private ulong _lastIndex;
    private ulong _durableIndex;
    private Exception? _failure;
    private bool _disposed;

    // Serialises fsyncs with closing a segment's handle, so a flush never hits a handle a roll just closed.
    private readonly object _fsyncGate = new();

    // Keeps concurrent truncations from interleaving their deletions, which must happen oldest first.
    private readonly object _truncateGate = new();

    private WriteAheadLog(string directory, WalOptions options, SafeFileHandle directoryLock, WalRecovery.Result recovered)
    {
        _directory = directory;
        _options = options;
        _directoryLock = directoryLock;
        _segments = recovered.Segments;
        _active = _segments[^1];
        _lastIndex = recovered.LastIndex;
        _durableIndex = recovered.LastIndex; // recovery fsynced the active segment; closed ones were synced on roll
        for (var i = 0; i < _segments.Count - 1; i++)
        {
            _closedBytes += _segments[i].Length;
        }

        _flusher = new Thread(FlushLoop) { IsBackground = true, Name = "wal-flusher" };
        _flusher.Start();
    }

    /// <summary>
    /// Opens or creates the log in <paramref name="directory"/> and recovers it: a torn or corrupt tail of the last
    /// segment is cut off; damage in an earlier segment throws <see cref="WalCorruptedException"/>. New records get
    /// indexes of at least <paramref name="nextIndexAtLeast"/> (the shard's checkpoint version + 1) and never reuse
    /// one that a segment file still records.
    /// </summary>
    public static WriteAheadLog Open(string directory, WalOptions options, ulong nextIndexAtLeast = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SegmentSizeBytes, 1L, nameof(options));

        directory = Path.GetFullPath(directory);
        DirectorySync.CreateDurably(directory);
        var directoryLock = LockDirectory(directory);
        try
        {
            var recovered = WalRecovery.Recover(directory, Math.Max(nextIndexAtLeast, 1));
            return new WriteAheadLog(directory, options, directoryLock, recovered);
        }
        catch
        {
            directoryLock.Dispose();
            throw;
        }
    }

    /// <summary>The first retained record, or <see cref="LastIndex"/> + 1 when none is retained.</summary>
    public ulong FirstIndex
    {
        get
        {
            lock (_sync)
            {
                // Segments are contiguous and the active one is named after its first index even when empty.
                return _segments[0].FirstIndex;
            }
        }
    }

    /// <summary>The last appended record; 0 if none was ever appended.</summary>
    public ulong LastIndex
    {
        get
        {
            lock (_sync)
            {
                return _lastIndex;
            }
        }
    }

    /// <summary>The highest index known to be fsynced: every record up to it survives a crash.</summary>
    public ulong DurableIndex
    {
        get
        {
            lock (_sync)
            {
                return _durableIndex;
            }
        }
    }

    /// <summary>Total bytes of the retained segment files.</summary>
    public long SizeBytes
    {
        get
        {
            lock (_sync)
            {
                return _closedBytes + _active.Length;
            }
        }
    }

    /// <summary>
    /// Appends a record as <see cref="LastIndex"/> + 1 and hands it to the OS (so it survives a process crash, but
    /// not a power loss until flushed). Callers serialise Append among themselves; it is safe alongside
    /// <see cref="FlushAsync"/>, <see cref="TruncateBefore"/> and the property getters on other threads.
    /// </summary>
    /// <exception cref="ArgumentException">The payload is larger than 1 GiB.</exception>
    /// <exception cref="IOException">The write failed; the log is failed from then on.</exception>
    public ulong Append(ReadOnlySpan<byte> payload)
    {
        RecordFormat.ThrowIfTooLarge(payload.Length, nameof(payload));

        WalSegment active;
        ulong index;
        lock (_sync)
        {
            ThrowIfUnusable();
            active = _active;
            index = _lastIndex + 1;
        }

        // Only appenders change the active segment and its length, so reading them outside the lock is safe here.
        if (active.Length >= _options.SegmentSizeBytes)
        {
            active = Roll(index);
        }

        var size = RecordFormat.HeaderSize + payload.Length;
        try
        {
            if (payload.Length <= CopyThreshold)
            {
                var buffer = ArrayPool<byte>.Shared.Rent(size);
                try
                {
                    RecordFormat.WriteHeader(buffer, index, payload);
                    payload.CopyTo(buffer.AsSpan(RecordFormat.HeaderSize));
                    RandomAccess.Write(active.Handle, buffer.AsSpan(0, size), active.Length);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
            else
            {
                Span<byte> header = stackalloc byte[RecordFormat.HeaderSize];
                RecordFormat.WriteHeader(header, index, payload);
                RandomAccess.Write(active.Handle, header, active.Length);
                RandomAccess.Write(active.Handle, payload, active.Length + RecordFormat.HeaderSize);
            }
        }
        catch (Exception ex)
        {
            // The file may now hold part of this record; appending after it would bury good records behind a
            // torn one, so the log stops here and recovery on the next open cleans up.
            Fail(ex);
            throw;
        }

        lock (_sync)
        {
            active.Length += size;
            _lastIndex = index;
        }

        return index;
    }

    /// <summary>
    /// All retained records with <c>Index &gt;= index</c>, in order, as of this call (records appended later are not
    /// included). Meant for replay at start-up; payloads are fresh arrays the caller may keep.
    /// </summary>
    /// <exception cref="WalCorruptedException">A record that should be there cannot be read.</exception>
    public IEnumerable<WalRecord> ReadFrom(ulong index)
    {
        (string Path, ulong FirstIndex)[] snapshot;
        ulong last;
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            snapshot = [.. _segments.Select(s => (s.Path, s.FirstIndex))];
            last = _lastIndex;
        }

        return WalReader.Read(snapshot, index, last, IsRetained);
    }

    /// <summary>
    /// Deletes closed segment files whose records all have indexes below <paramref name="index"/>; the active
    /// segment is never deleted, so some records below <paramref name="index"/> may stay retained.
    /// </summary>
    public void TruncateBefore(ulong index)
    {
        lock (_truncateGate)
        {
            while (true)
            {
                WalSegment doomed;
                lock (_sync)
                {
                    ObjectDisposedException.ThrowIf(_disposed, this);

                    // A closed segment's last record is the next segment's first index - 1.
                    if (_segments.Count < 2 || _segments[1].FirstIndex > index)
                    {
                        return;
                    }

                    doomed = _segments[0];
                    _segments.RemoveAt(0);
                    _closedBytes -= doomed.Length;
                }

                try
                {
                    DirectorySync.DeleteFile(_directory, doomed.Path);
                }
                catch
                {
                    // Still on disk (or its deletion not yet durable): keep accounting for it.
                    lock (_sync)
                    {
                        _segments.Insert(0, doomed);
                        _closedBytes += doomed.Length;
                    }

                    throw;
                }
            }
        }
    }

    /// <summary>
    /// Stops the flusher, fsyncs what was appended and closes the files. A failure of that last fsync reaches
    /// pending <see cref="FlushAsync"/> callers; Dispose itself does not throw. Await <see cref="FlushAsync"/>
    /// first to learn whether a clean shutdown was durable.
    /// </summary>
    public void Dispose()
    {
        lock (_sync)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            Monitor.PulseAll(_sync);
        }

        _flusher.Join();
        FinalFlush();
        _directoryLock.Dispose();
    }

    /// <summary>Same as <see cref="Dispose"/>; the final fsync runs on a pool thread.</summary>
    public async ValueTask DisposeAsync() => await Task.Run(Dispose).ConfigureAwait(false);

    /// <summary>Number of segment fsyncs issued, for tests of group commit.</summary>
    internal long FsyncCount => Interlocked.Read(ref _fsyncCount);

    /// <summary>Test seam for fsync failures; defaults to <see cref="RandomAccess.FlushToDisk"/>.</summary>
    internal Action<SafeFileHandle> FlushToDisk { get; set; } = RandomAccess.FlushToDisk;

    private static SafeFileHandle LockDirectory(string directory)
    {
        // An exclusive lock (flock on Unix) held for the log's lifetime: two processes appending to the same
        // segments would interleave records and destroy the log.
        var path = Path.Combine(directory, LockFileName);
        try
        {
            return File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new IOException($"Could not lock the WAL directory '{directory}'; is it open elsewhere?", ex);
        }
    }

    private bool IsRetained(string path)
    {
        lock (_sync)
        {
            return _segments.Exists(s => s.Path == path);
        }
    }

    // Must hold _sync.
    private void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_failure is not null)
        {
            throw FailedError();
        }
    }

    private IOException FailedError() =>
        new($"The write-ahead log in '{_directory}' failed earlier and accepts no more operations; reopen it to recover.", _failure);

    /// <summary>Closes the active segment and starts a new one at <paramref name="firstIndex"/>.</summary>
    private WalSegment Roll(ulong firstIndex)
    {
        lock (_fsyncGate)
        {
            var old = _active;
            WalSegment next;
            bool synced;
            try
            {
                // The old segment must be complete on disk before a newer file exists: recovery treats any defect
                // in a non-last segment as corruption. Skip the fsync if the flusher already covered everything.
                lock (_sync)
                {
                    synced = _durableIndex >= _lastIndex;
                }

                if (!synced)
                {
                    SyncSegment(old);
                }

                next = WalSegment.Create(_directory, firstIndex);
                try
                {
                    DirectorySync.Flush(_directory);
                }
                catch
                {
                    next.Close();
                    throw;
                }
            }
            catch (Exception ex)
            {
                Fail(ex);
                throw;
            }

            List<Waiter> done;
            lock (_sync)
            {
                _segments.Add(next);
                _closedBytes += old.Length;
                _active = next;
                _durableIndex = _lastIndex;
                done = TakeWaitersUpTo(_durableIndex);
            }

            old.Close();
            Complete(done, error: null);
            return next;
        }
    }

    // Must hold _fsyncGate (so the handle cannot be closed underneath).
    private void SyncSegment(WalSegment segment)
    {
        FlushToDisk(segment.Handle);
        Interlocked.Increment(ref _fsyncCount);
    }
}
