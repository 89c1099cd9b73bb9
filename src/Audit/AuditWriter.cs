using System.Buffers;
using Citadel.Common.Errors;
using Microsoft.Extensions.Logging;

namespace Citadel.Audit;

/// <summary>
/// Writes audit entries to the operating system's page cache (never an fsync), so a response sent after
/// <see cref="RecordAsync"/> completes cannot outlive its entry in a process crash. When no write is in progress and
/// the entry goes to the already open file of a healthy writer, the caller writes its own entry (one small write call, instead of waking the background thread and being woken by it
/// for every request); entries arriving during a write wait in a bounded queue, which a background thread writes in
/// batches as soon as the current write ends.
/// Files rotate by UTC day or hour; the oldest beyond <c>max_log_files</c> are deleted. When writing fails the
/// writer says so (log, <see cref="FailureDetail"/>, counters) and applies the configured policy, retrying each second.
/// </summary>
public sealed partial class AuditWriter : IAsyncDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly AuditOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly AutoResetEvent _wake = new(false);
    private readonly Thread _thread;
    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 16);
    private List<AuditEvent> _pending = [];
    private TaskCompletionSource _pendingWritten = NewCompletion();

    // Whoever sets this (a caller or the background thread) owns the file and the buffer until it clears it.
    private bool _writing;
    private FileStream? _file;
    private string? _fileName;
    private volatile string? _failure;
    private volatile bool _stopping;

    public AuditWriter(AuditOptions options, TimeProvider time, ILogger logger)
    {
        _options = options;
        _time = time;
        _logger = logger;
        Directory.CreateDirectory(options.Directory);
        _thread = new Thread(Run) { IsBackground = true, Name = "audit-writer" };
        _thread.Start();
    }

    /// <summary>Counters for metrics.</summary>
    public AuditStats Stats { get; } = new();

    /// <summary>The clock entries are stamped with.</summary>
    public DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>Why entries cannot be written right now, or null when all is well.</summary>
    public string? FailureDetail => _failure;

    /// <summary>True when audited requests must be refused (writing fails and the policy is to refuse).</summary>
    public bool RefusingRequests => _failure is not null && _options.FailurePolicy == AuditFailurePolicy.Refuse;

    /// <summary>
    /// Queues an entry; the returned task completes when it is written. Under the refuse policy a failing writer or a
    /// full queue throws <see cref="CitadelException"/> (503) instead, so the request is not served unrecorded.
    /// </summary>
    public Task RecordAsync(AuditEvent entry)
    {
        if (RefusingRequests)
        {
            throw Unavailable(_failure!);
        }

        Task written;
        List<AuditEvent> batch;
        TaskCompletionSource done;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopping, this);

            if (_pending.Count >= _options.QueueCapacity)
            {
                if (_options.FailurePolicy == AuditFailurePolicy.Refuse)
                {
                    throw Unavailable("the audit queue is full");
                }

                Stats.AddDropped(1);
                return Task.CompletedTask;
            }

            _pending.Add(entry);
            written = _pendingWritten.Task;
            if (_writing || _failure is not null || _fileName != AuditFiles.NameFor(entry.Timestamp, _options.Rotation))
            {
                // Someone is writing (and wakes the background thread for what queued meanwhile), or the write needs
                // slow work (a new file and retention, a failing disk): the background thread does it, not a request.
                Stats.QueueDepth = _pending.Count;
                if (!_writing)
                {
                    _wake.Set();
                }

                return written;
            }

            _writing = true;
            (batch, done) = TakeLocked();
        }

        try
        {
            WriteBatch(batch, done);
        }
        finally
        {
            FinishWriting();
        }

        return written;
    }

    /// <summary>Writes everything queued, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _stopping = true;
        }

        _wake.Set();
        await Task.Run(_thread.Join).ConfigureAwait(false);
        _file?.Dispose();
        _wake.Dispose();
    }

    private static TaskCompletionSource NewCompletion() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static CitadelException Unavailable(string reason) =>
        new(ErrorKind.Unavailable, $"audit log cannot be written ({reason}); refusing audited requests until it can");

    private void Run()
    {
        while (true)
        {
            _wake.WaitOne(_failure is null ? Timeout.InfiniteTimeSpan : RetryDelay);
            if (Drain())
            {
                return;
            }
        }
    }

    /// <summary>Writes batches until nothing is queued; true once stopping and everything queued is written.</summary>
    private bool Drain()
    {
        while (true)
        {
            List<AuditEvent> batch;
            TaskCompletionSource done;
            lock (_gate)
            {
                if (_writing)
                {
                    // A caller is writing; it wakes this thread when it is done.
                    return false;
                }

                if (_pending.Count == 0 && _failure is null)
                {
                    return _stopping;
                }

                _writing = true;
                (batch, done) = TakeLocked();
            }

            if (batch.Count > 0)
            {
                WriteBatch(batch, done);
            }
            else
            {
                done.TrySetResult();

                // Refused requests queue nothing, so probe by opening the current file.
                TryRecover();
            }

            lock (_gate)
            {
                _writing = false;
                if (_pending.Count == 0)
                {
                    return _stopping;
                }
            }
        }
    }

    private (List<AuditEvent> Batch, TaskCompletionSource Done) TakeLocked()
    {
        var taken = (_pending, _pendingWritten);
        _pending = [];
        _pendingWritten = NewCompletion();
        Stats.QueueDepth = 0;
        return taken;
    }

    private void FinishWriting()
    {
        lock (_gate)
        {
            _writing = false;
            if (_pending.Count == 0 && !_stopping && _failure is null)
            {
                return;
            }
        }

        // Also after a failure: the background thread then probes each second until writing works again.
        _wake.Set();
    }

    private void WriteBatch(List<AuditEvent> batch, TaskCompletionSource done)
    {
        try
        {
            var start = 0;
            while (start < batch.Count)
            {
                // Entries of one batch may straddle a rotation boundary: write each run to its own file.
                var name = AuditFiles.NameFor(batch[start].Timestamp, _options.Rotation);
                var end = start;
                _buffer.ResetWrittenCount();
                while (end < batch.Count && AuditFiles.NameFor(batch[end].Timestamp, _options.Rotation) == name)
                {
                    AuditEventJson.Write(_buffer, batch[end]);
                    _buffer.Write("\n"u8);
                    end++;
                }

                var file = FileFor(name);
                file.Write(_buffer.WrittenSpan);
                file.Flush();
                start = end;
            }

            Stats.AddWritten(batch.Count);
            if (_failure is not null)
            {
                LogRecovered(_logger, _options.Directory);
                _failure = null;
            }

            done.TrySetResult();
        }
        catch (Exception e) when (e is not (IOException or UnauthorizedAccessException))
        {
            // Never leave the batch's callers waiting, whatever went wrong.
            done.TrySetException(e);
            throw;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Stats.AddWriteError();
            _file?.Dispose();
            _file = null;
            _fileName = null;
            if (_failure is null)
            {
                LogWriteFailed(_logger, _options.Directory, _options.FailurePolicy, e);
            }

            _failure = e.Message;
            if (_options.FailurePolicy == AuditFailurePolicy.Refuse)
            {
                done.TrySetException(Unavailable(e.Message));
            }
            else
            {
                Stats.AddDropped(batch.Count);
                done.TrySetResult();
            }
        }
    }

    private void TryRecover()
    {
        try
        {
            FileFor(AuditFiles.NameFor(_time.GetUtcNow(), _options.Rotation));
            LogRecovered(_logger, _options.Directory);
            _failure = null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _file = null;
            _fileName = null;
        }
    }

    private FileStream FileFor(string name)
    {
        if (_file is not null && _fileName == name)
        {
            return _file;
        }

        _file?.Dispose();
        Directory.CreateDirectory(_options.Directory);
        _file = new FileStream(Path.Combine(_options.Directory, name), FileMode.Append, FileAccess.Write, FileShare.Read | FileShare.Delete, 1);
        _fileName = name;
        EnforceRetention();
        return _file;
    }

    private void EnforceRetention()
    {
        var files = AuditFiles.NewestFirst(_options.Directory);
        foreach (var old in files.Skip(Math.Max(1, _options.MaxLogFiles)))
        {
            try
            {
                File.Delete(old);
            }
            catch (IOException e)
            {
                LogRetentionFailed(_logger, old, e);
            }
        }
    }

    [LoggerMessage(EventId = 500, Level = LogLevel.Critical, Message = "AUDIT LOG WRITE FAILED in {Directory}; policy {Policy}: requests are refused (Refuse) or their entries lost (Drop) until writing works again")]
    private static partial void LogWriteFailed(ILogger logger, string directory, AuditFailurePolicy policy, Exception exception);

    [LoggerMessage(EventId = 501, Level = LogLevel.Warning, Message = "Audit log writing works again in {Directory}")]
    private static partial void LogRecovered(ILogger logger, string directory);

    [LoggerMessage(EventId = 502, Level = LogLevel.Warning, Message = "Could not delete old audit file {File}")]
    private static partial void LogRetentionFailed(ILogger logger, string file, Exception exception);
}
