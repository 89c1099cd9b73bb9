// TEMPORARY: replaced by the helpers' branches (payloads, filters, WAL) on merge.
#pragma warning disable
using System.Text.Json;
using Citadel.Storage.Points;
namespace Citadel.Storage.Payloads
{
    public sealed record PayloadSelector { public static readonly PayloadSelector All = new(); public static readonly PayloadSelector None = new(); public static PayloadSelector Include(IReadOnlyList<JsonPath> p) => All; public static PayloadSelector Exclude(IReadOnlyList<JsonPath> p) => All; }
    public static class PayloadOps
    {
        public static JsonElement Set(JsonElement payload, JsonElement values, JsonPath? key) => values;
        public static JsonElement DeleteKeys(JsonElement payload, IEnumerable<JsonPath> keys) => payload;
        public static JsonElement Select(JsonElement payload, PayloadSelector selector) => payload;
    }
}
namespace Citadel.Storage.Filtering
{
    public interface IPointFacts { PointId Id { get; } JsonElement Payload { get; } bool HasVector(string name); }
    public static class FilterEvaluator { public static bool Matches<TPoint>(Filter filter, in TPoint point) where TPoint : IPointFacts => true; }
}
namespace Citadel.Storage.Wal
{
    public sealed record WalOptions(long SegmentSizeBytes);
    public readonly record struct WalRecord(ulong Index, ReadOnlyMemory<byte> Payload);
    public sealed class WriteAheadLog : IDisposable, IAsyncDisposable
    {
        public static WriteAheadLog Open(string directory, WalOptions options, ulong nextIndexAtLeast = 1) => new();
        public ulong FirstIndex { get; }
        public ulong LastIndex { get; }
        public ulong DurableIndex { get; }
        public long SizeBytes { get; }
        public ulong Append(ReadOnlySpan<byte> payload) => 0;
        public ValueTask FlushAsync(ulong index, CancellationToken cancellationToken = default) => default;
        public IEnumerable<WalRecord> ReadFrom(ulong index) => [];
        public void TruncateBefore(ulong index) { }
        public void Dispose() { }
        public ValueTask DisposeAsync() => default;
    }
}
namespace Citadel.Storage.Payloads
{
    public static class JsonPathStubExtensions { public static IEnumerable<JsonElement> Values(this JsonPath path, JsonElement payload) => []; }
}
