using Citadel.Storage.IO;

namespace Citadel.Storage.Wal;

/// <summary>
/// Reads one segment file front to back, validating every record; stops at the first one that is incomplete
/// or does not check out, and says why.
/// </summary>
internal sealed class SegmentReader : IDisposable
{
    private readonly FileStream _stream;
    private readonly long _length;
    private readonly byte[] _header = new byte[RecordFormat.HeaderSize];
    private byte[] _scratch = [];

    public SegmentReader(string path, ulong firstIndex)
    {
        Path = path;
        NextIndex = firstIndex;

        // Share ReadWrite|Delete: the active segment is being appended to, and truncation may delete closed ones.
        _stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Open,
            Access = FileAccess.Read,
            Share = FileShare.ReadWrite | FileShare.Delete,
            BufferSize = 1 << 16,
            Options = FileOptions.SequentialScan,
        });

        // Fixed at open: later appends to the active segment are beyond what the caller asked to read.
        _length = _stream.Length;
    }

    public string Path { get; }

    /// <summary>Bytes in the file when it was opened.</summary>
    public long FileLength => _length;

    /// <summary>End of the last valid record read, i.e. where the next one starts.</summary>
    public long Offset { get; private set; }

    /// <summary>The index the next record must carry.</summary>
    public ulong NextIndex { get; private set; }

    /// <summary>Why reading stopped before the end of the file; null while fine or at a clean end.</summary>
    public string? Problem { get; private set; }

    /// <summary>
    /// Reads the next record. False at a clean end of file or at an invalid record (<see cref="Problem"/> set);
    /// either way <see cref="Offset"/> is then the end of the valid prefix.
    /// </summary>
    public bool TryRead(PayloadMode mode, out ReadOnlyMemory<byte> payload)
    {
        payload = default;
        if (Problem is not null)
        {
            return false;
        }

        var remaining = _length - Offset;
        if (remaining == 0)
        {
            return false;
        }

        if (remaining < RecordFormat.HeaderSize)
        {
            return Stop($"only {remaining} bytes left, less than a record header");
        }

        _stream.ReadExactly(_header);
        var header = RecordFormat.ReadHeader(_header);
        if (header.PayloadLength > RecordFormat.MaxPayloadBytes)
        {
            return Stop($"payload length {header.PayloadLength} exceeds the maximum");
        }

        if (header.PayloadLength > remaining - RecordFormat.HeaderSize)
        {
            return Stop($"payload length {header.PayloadLength} runs past the end of the file");
        }

        if (header.Index != NextIndex)
        {
            return Stop($"record has index {header.Index} where {NextIndex} was expected");
        }

        var length = (int)header.PayloadLength;
        if (mode == PayloadMode.Skip)
        {
            _stream.Seek(length, SeekOrigin.Current);
        }
        else
        {
            var buffer = mode == PayloadMode.Copy ? new byte[length] : Scratch(length);
            _stream.ReadExactly(buffer, 0, length);
            if (Crc32C.OfRecord(header.Index, buffer.AsSpan(0, length)) != header.Crc)
            {
                return Stop($"checksum mismatch in record {header.Index}");
            }

            payload = buffer.AsMemory(0, length);
        }

        Offset += RecordFormat.HeaderSize + length;
        NextIndex++;
        return true;
    }

    public void Dispose() => _stream.Dispose();

    private bool Stop(string problem)
    {
        Problem = problem;
        return false;
    }

    private byte[] Scratch(int length)
    {
        if (_scratch.Length < length)
        {
            _scratch = new byte[Math.Max(length, _scratch.Length * 2)];
        }

        return _scratch;
    }
}

/// <summary>What <see cref="SegmentReader.TryRead"/> does with a payload.</summary>
internal enum PayloadMode
{
    /// <summary>Seek past it unchecked (records before the range being read).</summary>
    Skip,

    /// <summary>Read it into a reused buffer and verify the checksum (recovery scan).</summary>
    Verify,

    /// <summary>Read it into a fresh array the caller keeps, and verify the checksum.</summary>
    Copy,
}
