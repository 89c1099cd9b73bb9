using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Citadel.Audit;
using Microsoft.Extensions.Logging.Abstractions;

namespace Citadel.Bench;

/// <summary>
/// What one audited request adds: building the entry, storing it in the memory-mapped journal, and its share of the
/// background append to the log file. The write call alone (the same bytes through a FileStream, what each request
/// paid before the journal) is the reference.
/// </summary>
[MemoryDiagnoser]
public class AuditBenchmarks : IDisposable
{
    private string _directory = string.Empty;
    private AuditWriter _writer = null!;
    private FileStream _raw = null!;
    private byte[] _line = [];
    private readonly ArrayBufferWriter<byte> _formatted = new();
    private Utf8JsonWriter _formatter = null!;
    private long _recorded;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("citadel-audit-bench-").FullName;
        _writer = new AuditWriter(new AuditOptions(_directory, AuditRotationPeriod.Daily, 7), TimeProvider.System, NullLogger.Instance);
        _formatter = AuditEventJson.CreateWriter(_formatted);
        _raw = new FileStream(Path.Combine(_directory, "raw.log"), FileMode.Append, FileAccess.Write, FileShare.Read, 1);
        var buffer = new ArrayBufferWriter<byte>();
        AuditEventJson.Write(buffer, Entry());
        buffer.Write("\n"u8);
        _line = buffer.WrittenSpan.ToArray();
    }

    [GlobalCleanup]
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _raw.Dispose();
            _formatter.Dispose();
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Benchmark(Baseline = true)]
    public void WriteCallOnly() => _raw.Write(_line);

    /// <summary>
    /// Record an entry, and every 16th time wait for the background append: the request's own cost plus a share of
    /// appending a batch, thread wake-ups included. That overstates the share (a node at 7,000 requests/s appends about
    /// 140 entries per 20 ms batch), but without the waits the benchmark outruns the disk and fills the bounded journal.
    /// </summary>
    [Benchmark]
    public void RecordEntry()
    {
        _writer.Record(Entry());
        if (++_recorded % 16 == 0)
        {
            _writer.FlushAsync().GetAwaiter().GetResult();
        }
    }

    /// <summary>Formatting alone as a request does it (one reused writer), the part of <see cref="RecordEntry"/> that is not storing or appending.</summary>
    [Benchmark]
    public void FormatEntry()
    {
        _formatted.ResetWrittenCount();
        _formatter.Reset(_formatted);
        AuditEventJson.Write(_formatter, Entry());
    }

    private AuditEvent Entry() => new()
    {
        Timestamp = _writer?.Now ?? DateTimeOffset.UtcNow,
        Method = "query_batch",
        Api = "/collections/bench/points/query",
        AuthType = "ApiKey",
        Remote = "127.0.0.1",
        Collection = "bench",
        Allowed = true,
    };
}
