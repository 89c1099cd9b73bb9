using System.IO.Hashing;
using System.IO.MemoryMappedFiles;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Citadel.Audit;

/// <summary>
/// A fixed-size ring of audit lines that are not yet in their log file, kept in a shared memory mapping of a file in the
/// audit directory. Copying a line into the mapping puts it in the operating system's page cache without a system call,
/// so a request can be answered as soon as its entry is here: a process killed afterwards leaves the line in the file,
/// and the next start finds it (<see cref="Open"/>) and the writer appends it to its log file.
/// </summary>
/// <remarks>
/// Layout: a 64-byte header (format id, the highest sequence number appended to a log file, and the run being appended,
/// so a crash in the middle of an append neither loses nor repeats it), then 8-byte aligned records:
/// marker, length, entry ticks, checksum, sequence number, line. The sequence number is stored last: a record counts
/// once its sequence number matches, and a record torn by a kill fails its checksum. The marker has bytes above 0x7F,
/// which never occur in a line (the JSON encoder escapes everything outside ASCII), so the recovery scan cannot
/// mistake a line's text for a record. The file is written full of zeros when created, so writing through the mapping
/// never needs a new disk block: a full disk fails the append to the log file, never the request.
/// </remarks>
internal sealed unsafe class AuditJournal : IDisposable
{
    /// <summary>Journal size for a new file; an existing journal keeps its size.</summary>
    public const int DefaultBytes = 16 << 20;

    private const ulong FormatId = 0x314C4E4A41544943; // "CITAJNL1"
    private const uint Marker = 0xA5D17A5D;
    private const int HeaderBytes = 64;
    private const int RecordHeaderBytes = 32;
    private const int FlushedOffset = 8;
    private const int RunEndOffset = 16;
    private const int RunFileLengthOffset = 24;

    private readonly object _gate = new();
    private readonly MemoryMappedFile _map;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _base;
    private readonly long _end;
    private List<Slot> _pending;
    private bool _inFlight;
    private bool _disposed;
    private long _head;
    private long _tail;
    private ulong _lastSeq;

    private AuditJournal(MemoryMappedFile map, MemoryMappedViewAccessor view, long length, List<Slot> pending, ulong lastSeq)
    {
        _map = map;
        _view = view;
        _end = length;
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _base = pointer + view.PointerOffset;
        _pending = pending;
        _lastSeq = lastSeq;
        _head = pending.Count == 0 ? HeaderBytes : pending[^1].Offset + RecordBytes(pending[^1].Length);
        _tail = pending.Count == 0 ? HeaderBytes : pending[0].Offset;
    }

    /// <summary>The largest line a record can hold: a quarter of the ring, so one huge entry cannot block the rest.</summary>
    public int MaxLineBytes => (int)Math.Min(int.MaxValue, (_end - HeaderBytes) / 4);

    /// <summary>Lines waiting for their log file.</summary>
    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>The highest sequence number whose line is in a log file.</summary>
    public ulong Flushed => Volatile.Read(ref Unsafe.AsRef<ulong>(_base + FlushedOffset));

    /// <summary>The sequence number of the newest line stored.</summary>
    public ulong LastSeq
    {
        get
        {
            lock (_gate)
            {
                return _lastSeq;
            }
        }
    }

    /// <summary>Opens the journal at <paramref name="path"/> (creating it full of zeros) with every line not yet flushed pending, in order.</summary>
    public static AuditJournal Open(string path, int bytesIfNew = DefaultBytes)
    {
        if (!File.Exists(path) || new FileInfo(path).Length < HeaderBytes + (RecordHeaderBytes * 4))
        {
            Create(path, bytesIfNew);
        }

        // Exclusive: a second node pointed at the same directory must fail loudly, not interleave records in one ring.
        var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        MemoryMappedFile map;
        try
        {
            map = MemoryMappedFile.CreateFromFile(file, null, 0, MemoryMappedFileAccess.ReadWrite, HandleInheritability.None, leaveOpen: false);
        }
        catch
        {
            file.Dispose();
            throw;
        }

        try
        {
            var view = map.CreateViewAccessor(0, 0, MemoryMappedFileAccess.ReadWrite);
            var length = file.Length & ~7L;
            var (pending, lastSeq) = Scan(view, length);
            return new AuditJournal(map, view, length, pending, lastSeq);
        }
        catch
        {
            map.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Stores a line; false when the ring has no room for it (the caller's bounded queue is full). The copy is made
    /// under the lock too: it takes a fraction of a microsecond, and so a taken line is always complete and the
    /// mapping is never unmapped under a copy.
    /// </summary>
    public bool TryAppend(ReadOnlySpan<byte> line, long ticks)
    {
        var size = RecordBytes(line.Length);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (line.Length > MaxLineBytes || !TryReserve(size, out var offset))
            {
                return false;
            }

            var seq = ++_lastSeq;
            _pending.Add(new Slot(offset, line.Length, ticks, seq));
            var record = _base + offset;
            Unsafe.WriteUnaligned(record, Marker);
            Unsafe.WriteUnaligned(record + 4, line.Length);
            Unsafe.WriteUnaligned(record + 8, ticks);
            line.CopyTo(new Span<byte>(record + RecordHeaderBytes, line.Length));
            Unsafe.WriteUnaligned(record + 16, Checksum(line.Length, ticks, seq, line));

            // Last, so that a record torn by a kill never carries a sequence number that counts.
            Volatile.Write(ref Unsafe.AsRef<ulong>(record + 24), seq);
            return true;
        }
    }

    /// <summary>Takes every pending line for appending; <see cref="Release"/> frees their space once appended.</summary>
    public List<Slot> TakePending()
    {
        lock (_gate)
        {
            var taken = _pending;
            _pending = [];
            _inFlight = taken.Count > 0;
            return taken;
        }
    }

    /// <summary>Puts taken lines whose append failed back in front of the pending ones, to be retried; frees the rest.</summary>
    public void ReturnUnwritten(List<Slot> taken)
    {
        if (taken.Count == 0)
        {
            Release();
            return;
        }

        lock (_gate)
        {
            taken.AddRange(_pending);
            _pending = taken;
            _inFlight = false;
            RecomputeTail();
        }
    }

    /// <summary>Frees the space of lines taken by <see cref="TakePending"/>, which are now in their log files.</summary>
    public void Release()
    {
        lock (_gate)
        {
            _inFlight = false;
            RecomputeTail();
        }
    }

    /// <summary>The stored line of a taken slot, including its newline.</summary>
    public ReadOnlySpan<byte> Line(Slot slot) => new(_base + slot.Offset + RecordHeaderBytes, slot.Length);

    /// <summary>Notes that lines up to <paramref name="endSeq"/> are about to be appended to a file of <paramref name="fileLength"/> bytes.</summary>
    public void BeginRun(ulong endSeq, long fileLength)
    {
        Write(RunFileLengthOffset, fileLength);
        Write(RunEndOffset, endSeq);
    }

    /// <summary>Notes that every line up to <paramref name="seq"/> is in its log file.</summary>
    public void MarkFlushed(ulong seq) => Volatile.Write(ref Unsafe.AsRef<ulong>(_base + FlushedOffset), seq);

    /// <summary>
    /// Settles the append the previous process was making when it stopped: if the whole run reached its file, its lines
    /// are dropped from the journal (appending them again would repeat them); if only part did, the file is cut back to
    /// where the run began, and the run is appended again in full.
    /// </summary>
    public void SettleUnfinishedRun(Func<long, string> pathForTicks)
    {
        var runEnd = Read<ulong>(RunEndOffset);
        var lengthBefore = Read<long>(RunFileLengthOffset);
        if (runEnd <= Flushed || _pending.Count == 0)
        {
            return;
        }

        var run = _pending.TakeWhile(s => s.Seq <= runEnd).ToList();
        var path = pathForTicks(_pending[0].Ticks);
        var length = File.Exists(path) ? new FileInfo(path).Length : 0;
        if (run.Count > 0 && length >= lengthBefore + run.Sum(s => (long)s.Length))
        {
            _pending.RemoveRange(0, run.Count);
            RecomputeTail();
            MarkFlushed(runEnd);
        }
        else if (length > lengthBefore)
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            file.SetLength(lengthBefore);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _map.Dispose();
    }

    private static long RecordBytes(long lineLength) => (RecordHeaderBytes + lineLength + 7) & ~7L;

    // The header fields seed the hash of the line, so a record whose line or fields are torn fails the check.
    private static ulong Checksum(int length, long ticks, ulong seq, ReadOnlySpan<byte> line) =>
        XxHash3.HashToUInt64(line, unchecked((long)((seq * 0x9E3779B97F4A7C15UL) ^ (ulong)ticks ^ ((ulong)(uint)length << 40))));

    private static void Create(string path, int bytes)
    {
        // Written through a temporary name so a crash mid-creation never leaves a short journal under the real name.
        var temporary = path + ".new";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            Span<byte> header = stackalloc byte[HeaderBytes];
            header.Clear();
            MemoryMarshal.Write(header, FormatId);
            file.Write(header);
            var zeros = new byte[1 << 16];
            for (long written = HeaderBytes; written < bytes; written += zeros.Length)
            {
                file.Write(zeros, 0, (int)Math.Min(zeros.Length, bytes - written));
            }

            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Finds the records a previous process stored but did not flush, in sequence order.</summary>
    private static (List<Slot> Pending, ulong LastSeq) Scan(MemoryMappedViewAccessor view, long length)
    {
        if (view.ReadUInt64(0) != FormatId)
        {
            throw new IOException("the audit journal has an unknown format");
        }

        var flushed = view.ReadUInt64(FlushedOffset);
        var lastSeq = Math.Max(flushed, view.ReadUInt64(RunEndOffset));
        var found = new List<Slot>();
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        try
        {
            var at = pointer + view.PointerOffset;
            for (long offset = HeaderBytes; offset + RecordHeaderBytes <= length;)
            {
                var record = at + offset;
                var lineLength = Unsafe.ReadUnaligned<int>(record + 4);
                if (Unsafe.ReadUnaligned<uint>(record) != Marker || lineLength <= 0 || lineLength > length - offset - RecordHeaderBytes)
                {
                    offset += 8;
                    continue;
                }

                var ticks = Unsafe.ReadUnaligned<long>(record + 8);
                var seq = Unsafe.ReadUnaligned<ulong>(record + 24);
                var line = new ReadOnlySpan<byte>(record + RecordHeaderBytes, lineLength);
                if (Unsafe.ReadUnaligned<ulong>(record + 16) != Checksum(lineLength, ticks, seq, line))
                {
                    offset += 8;
                    continue;
                }

                lastSeq = Math.Max(lastSeq, seq);
                if (seq > flushed)
                {
                    found.Add(new Slot(offset, lineLength, ticks, seq));
                }

                offset += RecordBytes(lineLength);
            }
        }
        finally
        {
            view.SafeMemoryMappedViewHandle.ReleasePointer();
        }

        found.Sort((a, b) => a.Seq.CompareTo(b.Seq));
        return (found, lastSeq);
    }

    private bool TryReserve(long size, out long offset)
    {
        if (_pending.Count == 0 && !_inFlight)
        {
            // Empty: start over at the beginning, so the whole ring is free.
            _head = _tail = HeaderBytes;
        }

        if (_head >= _tail && _head + size <= _end)
        {
            offset = _head;
        }
        else if (_head >= _tail && HeaderBytes + size < _tail)
        {
            // The rest of the ring is too short: the record starts over at the beginning (the tail gap is garbage).
            offset = HeaderBytes;
        }
        else if (_head < _tail && _head + size < _tail)
        {
            offset = _head;
        }
        else
        {
            offset = 0;
            return false;
        }

        _head = offset + size;
        return true;
    }

    /// <summary>The oldest byte still needed: the first pending line's, or the head when nothing is pending.</summary>
    private void RecomputeTail() => _tail = _pending.Count > 0 ? _pending[0].Offset : _head;

    private T Read<T>(int offset)
        where T : unmanaged => Unsafe.ReadUnaligned<T>(_base + offset);

    private void Write<T>(int offset, T value)
        where T : unmanaged => Unsafe.WriteUnaligned(_base + offset, value);

    /// <summary>Where a line is stored: offset and length in the journal, the entry's time (for its file name), its sequence number.</summary>
    internal readonly record struct Slot(long Offset, int Length, long Ticks, ulong Seq);
}
