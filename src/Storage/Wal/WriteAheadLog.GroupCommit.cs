namespace Citadel.Storage.Wal;

/// <summary>Group commit: one background thread fsyncs on behalf of every waiter that arrived meanwhile.</summary>
public sealed partial class WriteAheadLog
{
    // A dedicated thread rather than a pool task: fsync blocks for milliseconds, and a node with many shards must
    // not tie up (and starve) the thread pool with them.
    private readonly Thread _flusher;

    // Waiters by the index they need durable; lowest first, so a round completes a prefix. Guarded by _sync.
    private readonly PriorityQueue<Waiter, ulong> _waiters = new();
    private bool _flushRequested; // guarded by _sync; the flusher waits on _sync's monitor for it
    private long _fsyncCount;

    /// <summary>
    /// Completes once every record up to <paramref name="index"/> is fsynced. Callers arriving while an fsync is
    /// running share the next one. If an fsync fails, every pending caller gets that error and the log is failed.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> was not appended yet.</exception>
    /// <exception cref="ObjectDisposedException">The log was disposed.</exception>
    /// <exception cref="IOException">The fsync failed now or earlier.</exception>
    public ValueTask FlushAsync(ulong index, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        Waiter waiter;
        lock (_sync)
        {
            if (_disposed)
            {
                return ValueTask.FromException(new ObjectDisposedException(GetType().FullName));
            }

            if (_failure is not null)
            {
                return ValueTask.FromException(FailedError());
            }

            if (index <= _durableIndex)
            {
                return ValueTask.CompletedTask;
            }

            ArgumentOutOfRangeException.ThrowIfGreaterThan(index, _lastIndex);

            // Continuations run on the pool, not on the flusher thread that completes them.
            waiter = new Waiter(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Enqueue(waiter, index);
            if (!_flushRequested)
            {
                _flushRequested = true;
                Monitor.Pulse(_sync);
            }
        }

        // A cancelled caller stops waiting; its entry stays queued and is completed harmlessly by a later round.
        return new ValueTask(cancellationToken.CanBeCanceled ? waiter.Task.WaitAsync(cancellationToken) : waiter.Task);
    }

    private void FlushLoop()
    {
        while (true)
        {
            lock (_sync)
            {
                while (!_flushRequested && !_disposed)
                {
                    Monitor.Wait(_sync);
                }

                // Dispose does the final flush itself once this thread is gone.
                if (_disposed)
                {
                    return;
                }

                _flushRequested = false;
            }

            FlushRound();
        }
    }

    /// <summary>Fsyncs everything appended so far (not just what waiters asked for) and releases those covered.</summary>
    private void FlushRound()
    {
        List<Waiter> done;
        Exception? error = null;
        lock (_fsyncGate)
        {
            WalSegment? active = null;
            ulong target;
            lock (_sync)
            {
                if (_failure is not null)
                {
                    return;
                }

                // Records up to _lastIndex are fully written to the active segment (or to closed, already synced
                // ones), because Append publishes the index only after its write returned.
                target = _lastIndex;
                if (target > _durableIndex)
                {
                    active = _active;
                }
            }

            if (active is not null)
            {
                try
                {
                    SyncSegment(active);
                }
                catch (Exception ex)
                {
                    // Not rethrown: this is a background thread; the error goes to the waiters instead.
                    error = ex;
                }
            }

            lock (_sync)
            {
                if (error is not null)
                {
                    _failure ??= error;
                    done = TakeWaitersUpTo(ulong.MaxValue);
                }
                else
                {
                    _durableIndex = Math.Max(_durableIndex, target);
                    done = TakeWaitersUpTo(_durableIndex);
                }
            }
        }

        Complete(done, error);
    }

    /// <summary>The last fsync at Dispose; releases every waiter one way or the other.</summary>
    private void FinalFlush()
    {
        List<Waiter> done;
        Exception? error = null;
        lock (_fsyncGate)
        {
            bool needed;
            ulong target;
            lock (_sync)
            {
                target = _lastIndex;
                needed = _failure is null && _durableIndex < target;
            }

            if (needed)
            {
                try
                {
                    SyncSegment(_active);
                }
                catch (Exception ex)
                {
                    // Reported to waiters, not thrown from Dispose (see its remarks).
                    error = ex;
                }
            }

            _active.Close();
            lock (_sync)
            {
                if (error is null && _failure is null)
                {
                    _durableIndex = target;
                }

                _failure ??= error;
                done = TakeWaitersUpTo(ulong.MaxValue);
            }
        }

        // Everyone still waiting asked for an index <= LastIndex, so without an error all of them are durable now.
        var failure = _failure;
        Complete(done, failure is null ? null : FailedError());
    }

    /// <summary>Marks the log failed and fails every waiter.</summary>
    private void Fail(Exception error)
    {
        List<Waiter> done;
        lock (_sync)
        {
            _failure ??= error;
            done = TakeWaitersUpTo(ulong.MaxValue);
        }

        Complete(done, error);
    }

    // Must hold _sync.
    private List<Waiter> TakeWaitersUpTo(ulong index)
    {
        var done = new List<Waiter>();
        while (_waiters.TryPeek(out _, out var wanted) && wanted <= index)
        {
            done.Add(_waiters.Dequeue());
        }

        return done;
    }

    // Outside any lock: completing runs no user code (continuations are asynchronous), but keeps locks short.
    private static void Complete(List<Waiter> waiters, Exception? error)
    {
        foreach (var waiter in waiters)
        {
            if (error is null)
            {
                waiter.TrySetResult();
            }
            else
            {
                waiter.TrySetException(error);
            }
        }
    }

    /// <summary>A caller of <see cref="FlushAsync"/> waiting for its index to become durable.</summary>
    private sealed class Waiter(TaskCreationOptions options) : TaskCompletionSource(options);
}
