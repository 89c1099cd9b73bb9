using Citadel.Consensus.State;

namespace Citadel.Consensus.Raft;

/// <summary>
/// The application state replicated through Raft (collection metadata), seen by consensus as opaque bytes. Owned by
/// consensus, implemented by the node, so that consensus never depends on storage.
/// </summary>
public interface IReplicatedApplication
{
    /// <summary>Applies one committed command. Must be deterministic: every replica gets the same result.</summary>
    CommandResult Apply(ReadOnlySpan<byte> payload);

    /// <summary>The whole application state, for a Raft snapshot.</summary>
    byte[] Snapshot();

    /// <summary>Replaces the application state with a snapshot (start-up, or a snapshot sent by the leader).</summary>
    void Restore(ReadOnlySpan<byte> snapshot);
}
