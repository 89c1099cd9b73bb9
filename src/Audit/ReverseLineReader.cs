namespace Citadel.Audit;

/// <summary>
/// Reads a file's lines from the last to the first in fixed-size blocks, so the newest entries of a large file are
/// found without reading (or holding) the rest of it. One buffer serves the whole file: a yielded line is valid only
/// until the next one is requested.
/// </summary>
internal sealed class ReverseLineReader : IDisposable
{
    private const int BlockSize = 64 * 1024;
    private readonly FileStream _stream;
    private long _position;

    public ReverseLineReader(string path)
    {
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
        _position = _stream.Length;
    }

    /// <summary>Lines from the end of the file backwards; the last (possibly torn) line is returned first.</summary>
    public IEnumerable<ReadOnlyMemory<byte>> Lines()
    {
        var data = new byte[2 * BlockSize];
        var carry = 0;
        while (_position > 0)
        {
            var size = (int)Math.Min(BlockSize, _position);
            _position -= size;
            if (size + carry > data.Length)
            {
                // A line longer than a block: grow so the block and the unfinished line still fit together.
                var grown = new byte[2 * (size + carry)];
                data.AsSpan(0, carry).CopyTo(grown);
                data = grown;
            }

            // Data = this block followed by the unfinished line carried from the block after it.
            data.AsSpan(0, carry).CopyTo(data.AsSpan(size));
            _stream.Position = _position;
            _stream.ReadExactly(data, 0, size);

            var end = size + carry;
            int newline;
            while ((newline = data.AsSpan(0, end).LastIndexOf((byte)'\n')) >= 0)
            {
                if (end > newline + 1)
                {
                    yield return data.AsMemory(newline + 1, end - newline - 1);
                }

                end = newline;
            }

            carry = end;
        }

        if (carry > 0)
        {
            yield return data.AsMemory(0, carry);
        }
    }

    public void Dispose() => _stream.Dispose();
}
