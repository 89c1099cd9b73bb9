using Citadel.Consensus.State;

namespace Citadel.Consensus.Raft;

/// <summary>
/// The application state replicated through Raft (collection metadata), seen by consensus as opaque bytes. Owned by
/// consensus, implemented by the node, so that consensus never depends on storage.
/// </summary>
public interface IReplicatedApplication
{
    /// <summary>
    /// Applies the committed command at log <paramref name="index"/>. Must be deterministic: every replica gets the same
    /// result. Indexes grow; after a restart, entries the application already reflects are applied again (replay).
    /// </summary>
    CommandResult Apply(long index, ReadOnlySpan<byte> payload);

    /// <summary>The whole application state, for a Raft snapshot.</summary>
    byte[] Snapshot();

    /// <summary>
    /// Replaces the application state with a snapshot taken at log <paramref name="index"/> (start-up, or a snapshot
    /// sent by the leader to a peer that fell behind).
    /// </summary>
    void Restore(long index, ReadOnlySpan<byte> snapshot);
}
