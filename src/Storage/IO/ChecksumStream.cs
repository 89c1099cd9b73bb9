namespace Citadel.Storage.IO;

/// <summary>A pass-through stream that keeps a CRC-32C of every byte read or written.</summary>
internal sealed class ChecksumStream(Stream inner) : Stream
{
    private uint _state = uint.MaxValue;

    /// <summary>The CRC-32C of everything that passed so far.</summary>
    public uint Crc => ~_state;

    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        _state = Crc32C.Update(_state, buffer[..n]);
        return n;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _state = Crc32C.Update(_state, buffer);
        inner.Write(buffer);
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
