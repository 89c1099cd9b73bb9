using System.Buffers;
using System.Collections.Immutable;
using System.Text.Json;
using Citadel.Consensus.State;
using DotNext.IO;
using DotNext.Net.Cluster.Consensus.Raft.StateMachine;
using Microsoft.Extensions.Logging;

namespace Citadel.Consensus.Raft;

/// <summary>
/// The Raft state machine: applies committed <see cref="ClusterCommand"/>s to the <see cref="ClusterState"/> and the
/// application, remembers results so that retried commands are applied once, and writes snapshots every
/// <c>compact_wal_entries</c> entries so the log stays short.
/// </summary>
internal sealed partial class ClusterStateMachine(DirectoryInfo snapshots, IReplicatedApplication application, int snapshotEvery, ILogger logger)
    : SimpleStateMachine(snapshots)
{
    private long _sinceSnapshot;
    private long _appliedIndex;
    private volatile ClusterState _state = ClusterState.Empty;

    /// <summary>The current replicated cluster state.</summary>
    public ClusterState State => _state;

    /// <summary>Raised after a command changed the state (on the applier thread).</summary>
    public event Action<ClusterState>? Changed;

    protected override ValueTask<bool> ApplyAsync(LogEntry entry, CancellationToken token)
    {
        _appliedIndex = entry.Index;

        // Membership entries belong to the configuration storage; empty entries are Raft's own no-ops.
        if (entry.IsConfiguration || entry.Length is 0 or null || !entry.TryGetPayload(out var payload))
        {
            return ValueTask.FromResult(false);
        }

        ClusterCommand command;
        try
        {
            command = ClusterCommand.Decode(payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray());
        }
        catch (JsonException e)
        {
            LogUndecodable(logger, entry.Index, e);
            return ValueTask.FromResult(false);
        }

        var result = _state.Recent.TryGetValue(command.Id, out var earlier) ? earlier : ApplyCommand(entry.Index, command);
        if (entry.Context is ProposalContext proposal)
        {
            proposal.Result = result;
        }

        return ValueTask.FromResult(++_sinceSnapshot >= snapshotEvery || command.Kind == CommandKind.Compact);
    }

    protected override async ValueTask PersistAsync(IAsyncBinaryWriter writer, CancellationToken token)
    {
        _sinceSnapshot = 0;
        var state = _state;
        var snapshot = new StateSnapshot(
            _appliedIndex,
            [.. state.Peers.Values],
            [.. state.RecentOrder.Select(id => new RecentResult(id, state.Recent[id]))],
            application.Snapshot());
        await writer.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(snapshot, ConsensusJson.Default.StateSnapshot), null, token).ConfigureAwait(false);
    }

    protected override async ValueTask RestoreAsync(FileInfo snapshotFile, CancellationToken token)
    {
        var bytes = await File.ReadAllBytesAsync(snapshotFile.FullName, token).ConfigureAwait(false);
        var snapshot = JsonSerializer.Deserialize(bytes, ConsensusJson.Default.StateSnapshot) ?? throw new JsonException("empty snapshot");
        var state = ClusterState.Empty with { Peers = snapshot.Peers.ToImmutableSortedDictionary(p => p.Id, p => p) };
        foreach (var r in snapshot.Recent)
        {
            state = state.Remember(r.Id, r.Result);
        }

        application.Restore(snapshot.Index, snapshot.Application);
        _appliedIndex = snapshot.Index;
        _state = state;
        _sinceSnapshot = 0;
        LogRestored(logger, snapshotFile.Name, state.Peers.Count);
        Changed?.Invoke(state);
    }

    private CommandResult ApplyCommand(long index, ClusterCommand command)
    {
        var state = _state;
        CommandResult result;
        switch (command.Kind)
        {
            // A peer decoded without its URI or fingerprint map is malformed (JSON leaves missing members null).
            case CommandKind.AddPeer when command.Peer is { Uri: not null, KeyFingerprints: not null } peer:
                // A peer that comes back under the same URI with a new id replaces its old self.
                foreach (var stale in state.Peers.Values.Where(p => p.Id != peer.Id && string.Equals(p.Uri, peer.Uri, StringComparison.OrdinalIgnoreCase)).ToList())
                {
                    state = state with { Peers = state.Peers.Remove(stale.Id) };
                }

                var keys = state.Peers.TryGetValue(peer.Id, out var known) && peer.KeyFingerprints.Count == 0 ? known.KeyFingerprints : peer.KeyFingerprints;
                state = state with { Peers = state.Peers.SetItem(peer.Id, peer with { KeyFingerprints = keys }) };
                result = CommandResult.Success();
                break;
            case CommandKind.RemovePeer when command.PeerId is { } id:
                result = CommandResult.Success(state.Peers.ContainsKey(id));
                state = state with { Peers = state.Peers.Remove(id) };
                break;
            case CommandKind.ReportKeys when command.PeerId is { } id && command.Keys is { } fingerprints:
                if (state.Peers.TryGetValue(id, out var reporting))
                {
                    state = state with { Peers = state.Peers.SetItem(id, reporting with { KeyFingerprints = fingerprints }) };
                }

                result = CommandResult.Success();
                break;
            case CommandKind.Compact:
                result = CommandResult.Success();
                break;
            case CommandKind.Application when command.Payload is { } payload:
                result = ApplyApplication(index, payload);
                break;
            default:
                result = CommandResult.Failure("BadRequest", $"malformed {command.Kind} command");
                break;
        }

        _state = state.Remember(command.Id, result);
        Changed?.Invoke(_state);
        return result;
    }

    private CommandResult ApplyApplication(long index, byte[] payload)
    {
        try
        {
            return application.Apply(index, payload);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Deterministic validation failures come back as results; anything thrown here is local (e.g. disk).
            LogApplicationFailed(logger, e);
            return CommandResult.Failure("Internal", e.Message);
        }
    }

    [LoggerMessage(EventId = 600, Level = LogLevel.Error, Message = "Raft entry {Index} could not be decoded and was skipped")]
    private static partial void LogUndecodable(ILogger logger, long index, Exception exception);

    [LoggerMessage(EventId = 601, Level = LogLevel.Information, Message = "Restored cluster state from snapshot {Snapshot} ({Peers} peers)")]
    private static partial void LogRestored(ILogger logger, string snapshot, int peers);

    [LoggerMessage(EventId = 602, Level = LogLevel.Error, Message = "Applying a replicated metadata command failed on this node")]
    private static partial void LogApplicationFailed(ILogger logger, Exception exception);
}

/// <summary>Carries a command's result from the leader's state machine back to its proposer.</summary>
internal sealed class ProposalContext
{
    public CommandResult? Result { get; set; }
}
