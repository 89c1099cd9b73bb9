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
        if (!File.Exists(path))
        {
            return new MaterializedIndex(path, 0);
        }

        // Fail closed: reading a damaged file as 0 would let the replay step storage back through older states.
        return long.TryParse(File.ReadAllText(path), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? new MaterializedIndex(path, value)
            : throw new Configuration.ConfigurationException(
                $"{path} is damaged: it should hold the last Raft index this peer's storage reflects. Restore it, or start with --reinit and --bootstrap to rebuild this peer from the cluster",
                "cluster",
                null);
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
