using Citadel.Consensus.Raft;
using Citadel.Consensus.State;
using DotNext.Net.Cluster.Consensus.Raft;
using DotNext.Net.Cluster.Consensus.Raft.StateMachine;
using Microsoft.Extensions.Logging.Abstractions;

namespace Citadel.Tests.Unit.Consensus;

/// <summary>
/// A <see cref="ClusterStateMachine"/> behind a real DotNext write-ahead log, without the network: entries are appended
/// and committed locally and applied by the log's own applier, as on a single-member cluster.
/// </summary>
internal sealed class RaftLogHarness : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly WriteAheadLog _wal;

    private RaftLogHarness(ClusterStateMachine machine, WriteAheadLog wal)
    {
        Machine = machine;
        _wal = wal;
    }

    public ClusterStateMachine Machine { get; }

    public ClusterState State => Machine.State;

    public long AppliedIndex => _wal.LastAppliedIndex;

    public static async Task<RaftLogHarness> StartAsync(string directory, IReplicatedApplication application, int snapshotEvery = 1000)
    {
        var machine = new ClusterStateMachine(new DirectoryInfo(Path.Combine(directory, "snapshots")), application, snapshotEvery, NullLogger.Instance);
        await machine.RestoreAsync(CancellationToken.None);
        var wal = new WriteAheadLog(new WriteAheadLog.Options { Location = Path.Combine(directory, "wal"), ChunkSize = 1 << 20 }, machine);
        return new RaftLogHarness(machine, wal);
    }

    /// <summary>Appends, commits and waits until applied; returns the result handed to the proposer.</summary>
    public Task<(CommandResult? Result, long Index)> ApplyAsync(ClusterCommand command) => ApplyAsync(command.Encode());

    public async Task<(CommandResult? Result, long Index)> ApplyAsync(byte[] payload)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var context = new ProposalContext();
        var index = await _wal.AppendAsync(new BinaryLogEntry { Content = payload, Term = 1, Context = context }, timeout.Token);
        await _wal.CommitAsync(index, timeout.Token);
        await _wal.WaitForApplyAsync(index, timeout.Token);
        return (context.Result, index);
    }

    /// <summary>
    /// Makes the snapshot taken after entry <paramref name="index"/> durable: DotNext writes it in the background and
    /// publishes it only when the next entry is applied, so an entry that changes nothing follows.
    /// </summary>
    public async Task PublishSnapshotAsync(long index)
    {
        await ApplyAsync("-"u8.ToArray());
        if (((ISnapshotManager)Machine).Snapshot is not { } snapshot || snapshot.Index < index)
        {
            throw new InvalidOperationException($"no snapshot at {index}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _wal.DisposeAsync();
        await Machine.DisposeAsync();
    }
}

/// <summary>An application that records what consensus hands it.</summary>
internal sealed class RecordingApplication : IReplicatedApplication
{
    public List<(long Index, byte[] Payload)> Applied { get; } = [];

    public List<(long Index, byte[] Snapshot)> Restored { get; } = [];

    public Func<long, byte[], CommandResult>? Behaviour { get; set; }

    public CommandResult Apply(long index, ReadOnlySpan<byte> payload)
    {
        var bytes = payload.ToArray();
        Applied.Add((index, bytes));
        return Behaviour is { } behaviour ? behaviour(index, bytes) : CommandResult.Success(bytes.Length % 2 == 0);
    }

    public byte[] Snapshot() => [.. Applied.SelectMany(a => a.Payload)];

    public void Restore(long index, ReadOnlySpan<byte> snapshot) => Restored.Add((index, snapshot.ToArray()));
}
