namespace Citadel.Audit;

/// <summary>
/// Reads a file's lines from the last to the first in fixed-size blocks, so the newest entries of a large file are
/// found without reading (or holding) the rest of it.
/// </summary>
internal sealed class ReverseLineReader : IDisposable
{
    private const int BlockSize = 64 * 1024;
    private readonly FileStream _stream;
    private long _position;
    private byte[] _carry = [];

    public ReverseLineReader(string path)
    {
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
        _position = _stream.Length;
    }

    /// <summary>Lines from the end of the file backwards; the last (possibly torn) line is returned first.</summary>
    public IEnumerable<ReadOnlyMemory<byte>> Lines()
    {
        var block = new byte[BlockSize];
        while (_position > 0)
        {
            var size = (int)Math.Min(BlockSize, _position);
            _position -= size;
            _stream.Position = _position;
            _stream.ReadExactly(block, 0, size);

            // Data = this block followed by the unfinished line carried from the block after it.
            var data = new byte[size + _carry.Length];
            block.AsSpan(0, size).CopyTo(data);
            _carry.CopyTo(data.AsSpan(size));

            var end = data.Length;
            for (var i = data.Length - 1; i >= 0; i--)
            {
                if (data[i] != (byte)'\n')
                {
                    continue;
                }

                if (end > i + 1)
                {
                    yield return data.AsMemory(i + 1, end - i - 1);
                }

                end = i;
            }

            _carry = data.AsSpan(0, end).ToArray();
        }

        if (_carry.Length > 0)
        {
            yield return _carry;
        }
    }

    public void Dispose() => _stream.Dispose();
}
