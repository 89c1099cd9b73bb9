using System.Globalization;
using System.Text;
using Citadel.Storage.IO;

namespace Citadel.Node.Cluster;

/// <summary>
/// The last Raft log index whose metadata this node's storage reflects (<c>{storage}/raft/materialized</c>). On a
/// restart the log is replayed from the last snapshot; entries at or below this index are already on disk, so replay
/// only rebuilds the in-memory catalog and never makes storage step back through older states (which would delete a
/// collection that a later entry re-created).
/// </summary>
internal sealed class MaterializedIndex
{
    private const string FileName = "materialized";
    private readonly string _path;

    private MaterializedIndex(string path, long value)
    {
        _path = path;
        Value = value;
    }

    /// <summary>The index storage reflects; 0 before anything was materialised.</summary>
    public long Value { get; private set; }

    public static MaterializedIndex Open(string raftDirectory)
    {
        var path = Path.Combine(raftDirectory, FileName);
        var value = File.Exists(path) && long.TryParse(File.ReadAllText(path), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0;
        return new MaterializedIndex(path, value);
    }

    /// <summary>Records that storage now reflects the log up to <paramref name="index"/> (durably, after the change).</summary>
    public void Advance(long index)
    {
        if (index <= Value)
        {
            return;
        }

        DurableFile.Write(_path, s => s.Write(Encoding.ASCII.GetBytes(index.ToString(CultureInfo.InvariantCulture))));
        Value = index;
    }
}
