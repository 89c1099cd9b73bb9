using System.Security.Cryptography;
using System.Text.Json;
using Citadel.Consensus.Membership;
using Citadel.Storage.IO;

namespace Citadel.Node.Cluster;

/// <summary>
/// Who this peer is, kept across restarts in <c>{storage}/raft/peer.json</c>: Qdrant's numeric peer id (random
/// 1 … 2^53−1, or <c>cluster.peer_id</c> on first start) and the peer URI (<c>--uri</c>), whose host and port are the
/// Raft member identity.
/// </summary>
internal sealed record PeerIdentity(ulong Id, Uri Uri)
{
    private const string FileName = "peer.json";

    /// <summary>The peer URI as stored and shown (<c>https://node1:6335/</c>).</summary>
    public string CanonicalUri => PeerEndPoints.Canonical(Uri);

    /// <summary>The stored identity, or null on a first start.</summary>
    public static PeerIdentity? Load(string raftDirectory)
    {
        var path = Path.Combine(raftDirectory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var id = doc.RootElement.GetProperty("peer_id").GetUInt64();
            var uri = PeerEndPoints.TryParse(doc.RootElement.GetProperty("uri").GetString())
                ?? throw new InvalidDataException("bad uri");
            return new PeerIdentity(id, uri);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException or InvalidDataException)
        {
            throw new Configuration.ConfigurationException($"The peer identity file {path} is damaged ({e.Message}); restore it, or remove it and start with --uri, --reinit and --bootstrap to rejoin under a new identity", "cluster", null);
        }
    }

    /// <summary>A random peer id: 1 … 2^53−1, the range joins accept (<c>cluster.peer_id</c> has the same bounds).</summary>
    public static ulong NewId() => (BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(sizeof(ulong))) % ((1UL << 53) - 1)) + 1;

    public void Save(string raftDirectory)
    {
        Directory.CreateDirectory(raftDirectory);
        DurableFile.Write(Path.Combine(raftDirectory, FileName), s =>
        {
            using var w = new Utf8JsonWriter(s, new JsonWriterOptions { Indented = true });
            w.WriteStartObject();
            w.WriteNumber("peer_id", Id);
            w.WriteString("uri", CanonicalUri);
            w.WriteEndObject();
        });
    }
}
