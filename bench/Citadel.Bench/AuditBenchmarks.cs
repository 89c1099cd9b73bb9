using System.Buffers;
using BenchmarkDotNet.Attributes;
using Citadel.Audit;
using Microsoft.Extensions.Logging.Abstractions;

namespace Citadel.Bench;

/// <summary>
/// What one audited request adds: building the entry and storing it in the memory-mapped journal (the background
/// appends to the log file run on the writer's thread, a few milliseconds apart). The write call alone (the same bytes
/// through a FileStream, what each request paid before the journal) is the reference.
/// </summary>
[MemoryDiagnoser]
public class AuditBenchmarks : IDisposable
{
    private string _directory = string.Empty;
    private AuditWriter _writer = null!;
    private FileStream _raw = null!;
    private byte[] _line = [];

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("citadel-audit-bench-").FullName;
        _writer = new AuditWriter(new AuditOptions(_directory, AuditRotationPeriod.Daily, 7), TimeProvider.System, NullLogger.Instance);
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
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Benchmark(Baseline = true)]
    public void WriteCallOnly() => _raw.Write(_line);

    [Benchmark]
    public void RecordEntry() => _writer.Record(Entry());

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
