using System.IO.Pipelines;
using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;

namespace Citadel.Consensus.Transport;

/// <summary>
/// A Kestrel connection lent to DotNext. Kestrel closes a connection when its middleware returns, so the middleware
/// waits for <see cref="Finished"/>, which completes when DotNext disposes or aborts the connection.
/// </summary>
internal sealed class HandedOverConnection(ConnectionContext inner) : ConnectionContext
{
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private volatile bool _withdrawn;

    public Task Finished => _finished.Task;

    /// <summary>True once the server side gave up on the connection (closed before DotNext took it).</summary>
    public bool Withdrawn => _withdrawn;

    /// <summary>Marks the connection as no longer usable, so a late accept skips it.</summary>
    public void Withdraw() => _withdrawn = true;

    public override string ConnectionId { get => inner.ConnectionId; set => inner.ConnectionId = value; }

    public override IFeatureCollection Features => inner.Features;

    public override IDictionary<object, object?> Items { get => inner.Items; set => inner.Items = value; }

    public override IDuplexPipe Transport { get => inner.Transport; set => inner.Transport = value; }

    public override CancellationToken ConnectionClosed { get => inner.ConnectionClosed; set => inner.ConnectionClosed = value; }

    public override EndPoint? RemoteEndPoint { get => inner.RemoteEndPoint; set => inner.RemoteEndPoint = value; }

    public override EndPoint? LocalEndPoint { get => inner.LocalEndPoint; set => inner.LocalEndPoint = value; }

    public override void Abort(ConnectionAbortedException abortReason)
    {
        inner.Abort(abortReason);
        _finished.TrySetResult();
    }

    public override ValueTask DisposeAsync()
    {
        _finished.TrySetResult();
        return base.DisposeAsync();
    }
}
