using System.Buffers;
using System.Text.Json;
using Citadel.Common.Errors;
using Microsoft.Extensions.Logging;

namespace Citadel.Audit;

/// <summary>
/// Records audit entries without making requests wait on a system call: <see cref="Record"/> formats the entry and
/// copies it into the memory-mapped journal (<see cref="AuditJournal"/>), which is in the operating system's page
/// cache, so a response sent afterwards cannot outlive its entry in a process crash. A background thread appends the
/// journal's lines to the log files in batches, a few milliseconds apart, and an entry left in the journal by a killed
/// process is appended when the next one starts.
/// Files rotate by UTC day or hour; the oldest beyond <c>max_log_files</c> are deleted. When appending fails the
/// writer says so (log, <see cref="FailureDetail"/>, counters), keeps the lines in the journal, retries each second,
/// and applies the configured policy to new requests.
/// </summary>
public sealed partial class AuditWriter : IAsyncDisposable
{
    /// <summary>The journal's name in the audit directory: hidden, and outside the <c>audit*.log</c> pattern readers and shippers use.</summary>
    public const string JournalFileName = ".audit-journal";

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    // Entries are safe in the journal meanwhile; waiting this long after the first one lets one append serve every
    // request of the interval instead of one append (and one thread wake-up) per request.
    private static readonly TimeSpan BatchDelay = TimeSpan.FromMilliseconds(20);

    [ThreadStatic]
    private static LineFormatter? t_formatter;

    private readonly AuditOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly AutoResetEvent _wake = new(false);
    private readonly Thread _thread;
    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 16);
    private readonly List<(ulong Seq, TaskCompletionSource Done)> _flushWaiters = [];
    private volatile AuditJournal? _journal;
    private FileStream? _file;
    private string? _fileName;
    private volatile string? _failure;
    private volatile bool _stopping;

    // 1 while the background thread sleeps with nothing to write: the first entry after that wakes it.
    private int _idle;

    public AuditWriter(AuditOptions options, TimeProvider time, ILogger logger)
    {
        _options = options;
        _time = time;
        _logger = logger;

        // A directory that cannot be created or a journal that cannot be opened is a write failure like any other:
        // reported, handled by the policy, retried each second.
        TryOpenJournal();
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
    /// Stores an entry in the journal; when this returns, the entry survives a crash of the process. Under the refuse
    /// policy a failing writer or a full journal throws <see cref="CitadelException"/> (503) instead, so the request is
    /// not served unrecorded; under the drop policy the entry is counted as lost.
    /// </summary>
    public void Record(AuditEvent entry)
    {
        if (RefusingRequests)
        {
            throw Unavailable(_failure!);
        }

        ObjectDisposedException.ThrowIf(_stopping, this);
        var journal = _journal;
        if (journal is null || !journal.TryAppend((t_formatter ??= new LineFormatter()).Format(entry), entry.Timestamp.UtcTicks))
        {
            if (_options.FailurePolicy == AuditFailurePolicy.Refuse)
            {
                throw Unavailable(journal is null ? "the audit journal cannot be opened" : "the audit queue is full");
            }

            Stats.AddDropped(1);
            return;
        }

        if (Interlocked.Exchange(ref _idle, 0) == 1)
        {
            _wake.Set();
        }
    }

    /// <summary>Completes once every entry recorded before the call is in its log file (or appending fails), so a query reads it.</summary>
    public Task FlushAsync()
    {
        var journal = _journal;
        if (journal is null)
        {
            return Task.CompletedTask;
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            var target = journal.LastSeq;
            if (journal.Flushed >= target || _stopping)
            {
                return Task.CompletedTask;
            }

            _flushWaiters.Add((target, done));
        }

        _wake.Set();
        return done.Task;
    }

    /// <summary>Appends everything in the journal, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _stopping = true;
        }

        _wake.Set();
        await Task.Run(_thread.Join).ConfigureAwait(false);
        _file?.Dispose();
        _journal?.Dispose();
        _wake.Dispose();
    }

    private static CitadelException Unavailable(string reason) =>
        new(ErrorKind.Unavailable, $"audit log cannot be written ({reason}); refusing audited requests until it can");

    private void Run()
    {
        while (true)
        {
            WaitForWork();
            var stopping = _stopping;
            var appended = _journal is { } journal ? Append(journal) : TryOpenJournal();
            CompleteFlushWaiters(everything: !appended || stopping);
            if (stopping)
            {
                // Everything is appended, or appending fails and the lines stay in the journal for the next start.
                return;
            }
        }
    }

    private void WaitForWork()
    {
        if (_stopping || HasFlushWaiters())
        {
            return;
        }

        if (_failure is not null)
        {
            // Not woken by new entries: a failing disk is retried once a second, not once per request.
            _wake.WaitOne(RetryDelay);
            return;
        }

        var journal = _journal!;
        if (journal.PendingCount == 0)
        {
            Interlocked.Exchange(ref _idle, 1);
            if (journal.PendingCount == 0 && !_stopping && !HasFlushWaiters())
            {
                _wake.WaitOne();
            }

            Interlocked.Exchange(ref _idle, 0);
            if (_stopping || HasFlushWaiters())
            {
                return;
            }
        }

        _wake.WaitOne(BatchDelay);
    }

    /// <summary>Appends every pending line to its log file; false when appending failed (the lines stay pending).</summary>
    private bool Append(AuditJournal journal)
    {
        var batch = journal.TakePending();
        Stats.QueueDepth = batch.Count;
        var start = 0;
        try
        {
            if (batch.Count == 0 && _failure is not null)
            {
                // Refused requests add nothing to append: probe by opening the current file.
                FileFor(AuditFiles.NameFor(_time.GetUtcNow(), _options.Rotation));
            }

            while (start < batch.Count)
            {
                // Lines of one batch may straddle a rotation boundary: each run goes to its own file.
                var name = AuditFiles.NameFor(new DateTimeOffset(batch[start].Ticks, TimeSpan.Zero), _options.Rotation);
                var end = start;
                _buffer.ResetWrittenCount();
                while (end < batch.Count && (end == start || SameFile(batch[start].Ticks, batch[end].Ticks)))
                {
                    _buffer.Write(journal.Line(batch[end]));
                    end++;
                }

                var file = FileFor(name);
                journal.BeginRun(batch[end - 1].Seq, file.Length);
                file.Write(_buffer.WrittenSpan);
                journal.MarkFlushed(batch[end - 1].Seq);
                Stats.AddWritten(end - start);
                start = end;
            }

            journal.Release();
            Recovered();
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            journal.ReturnUnwritten(batch[start..]);
            Failed(e);
            return false;
        }
    }

    private bool SameFile(long ticksA, long ticksB)
    {
        var period = _options.Rotation == AuditRotationPeriod.Hourly ? TimeSpan.TicksPerHour : TimeSpan.TicksPerDay;
        return ticksA / period == ticksB / period;
    }

    /// <summary>Opens the journal (appending what a previous process left in it first); false when that fails.</summary>
    private bool TryOpenJournal()
    {
        try
        {
            Directory.CreateDirectory(_options.Directory);
            var journal = AuditJournal.Open(Path.Combine(_options.Directory, JournalFileName), _options.JournalBytes);
            journal.SettleUnfinishedRun(ticks => Path.Combine(_options.Directory, AuditFiles.NameFor(new DateTimeOffset(ticks, TimeSpan.Zero), _options.Rotation)));
            _journal = journal;
            Recovered();
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Failed(e);
            return false;
        }
    }

    private void Recovered()
    {
        if (_failure is not null)
        {
            LogRecovered(_logger, _options.Directory);
            _failure = null;
        }
    }

    private void Failed(Exception e)
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
    }

    private bool HasFlushWaiters()
    {
        lock (_gate)
        {
            return _flushWaiters.Count > 0;
        }
    }

    private void CompleteFlushWaiters(bool everything)
    {
        lock (_gate)
        {
            var flushed = _journal?.Flushed ?? ulong.MaxValue;
            _flushWaiters.RemoveAll(w =>
            {
                var done = everything || w.Seq <= flushed;
                if (done)
                {
                    w.Done.TrySetResult();
                }

                return done;
            });
        }
    }

    private FileStream FileFor(string name)
    {
        if (_file is not null && _fileName == name)
        {
            return _file;
        }

        _file?.Dispose();
        _file = null;
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

    /// <summary>Formats entries into one reused buffer per thread: no allocation per entry.</summary>
    private sealed class LineFormatter
    {
        private readonly ArrayBufferWriter<byte> _line = new(1024);
        private readonly Utf8JsonWriter _writer;

        public LineFormatter() => _writer = AuditEventJson.CreateWriter(_line);

        public ReadOnlySpan<byte> Format(AuditEvent entry)
        {
            _line.ResetWrittenCount();
            _writer.Reset(_line);
            AuditEventJson.Write(_writer, entry);
            _line.Write("\n"u8);
            return _line.WrittenSpan;
        }
    }
}
