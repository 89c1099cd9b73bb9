using System.Text.Json;
using Citadel.Storage.Filtering;
using Citadel.Storage.Points;
using static Citadel.Tests.Unit.Filtering.Kit;

namespace Citadel.Tests.Unit.Filtering;

public class PointConditionTests
{
    private static readonly Guid Uuid = Guid.Parse("550e8400-e29b-41d4-a716-446655440000");

    [Fact]
    public void HasId_MatchesListedIntegerAndUuidIds()
    {
        var condition = new HasIdCondition(new HashSet<PointId> { PointId.FromNum(2), PointId.FromUuid(Uuid) });

        Assert.True(FilterEvaluator.Matches(Filter.MustAll(condition), new TestPoint(PointId.FromNum(2), default)));
        Assert.True(FilterEvaluator.Matches(Filter.MustAll(condition), new TestPoint(PointId.FromUuid(Uuid), default)));
        Assert.False(FilterEvaluator.Matches(Filter.MustAll(condition), new TestPoint(PointId.FromNum(3), default)));
    }

    [Fact]
    public void HasVector_AsksThePoint()
    {
        var point = Point("{}", 1, "", "image");

        Assert.True(FilterEvaluator.Matches(Filter.MustAll(new HasVectorCondition("image")), point));
        Assert.True(FilterEvaluator.Matches(Filter.MustAll(new HasVectorCondition("")), point));
        Assert.False(FilterEvaluator.Matches(Filter.MustAll(new HasVectorCondition("text")), point));
    }

    [Fact]
    public void SipHash_MatchesTheReferenceVectors()
    {
        // SipHash-2-4 paper, key 00..0f, messages 00, 0001, 000102, ...
        ulong[] expected =
        [
            0x726FDB47DD0E0E31, 0x74F839C593DC67FD, 0x0D6C8009D9A94F5A, 0x85676696D7FB7E2D,
            0xCF2794E0277187B7, 0x18765564CD99A68D, 0xCBC9466E58FEE3CE, 0xAB0200F58B01D137,
            0x93F5F5799A932462, 0x9E0082DF0BA9E4B0,
        ];
        var key = Enumerable.Range(0, 16).Select(i => (byte)i).ToArray();
        var key0 = BitConverter.ToUInt64(key, 0);
        var key1 = BitConverter.ToUInt64(key, 8);

        for (var length = 0; length < expected.Length; length++)
        {
            var message = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();
            Assert.Equal(expected[length], PointSlice.SipHash24(message, key0, key1));
        }
    }

    [Fact]
    public void SliceHash_UsesCanonicalIdBytes()
    {
        Assert.Equal(PointSlice.SipHash24(BitConverter.GetBytes(1UL)), PointSlice.Hash(PointId.FromNum(1)));
        Assert.Equal(PointSlice.SipHash24(Uuid.ToByteArray(bigEndian: true)), PointSlice.Hash(PointId.FromUuid(Uuid)));
    }

    [Fact]
    public void Slices_PartitionTheIdSpace_AndNestAcrossTotals()
    {
        var ids = Enumerable.Range(0, 1000).Select(i => PointId.FromNum((ulong)i))
            .Concat(Enumerable.Range(0, 200).Select(i => PointId.FromUuid(new Guid(i, 0, 0, new byte[8])))).ToList();

        foreach (var total in new uint[] { 1, 3, 8 })
        {
            foreach (var id in ids)
            {
                var slices = Enumerable.Range(0, (int)total)
                    .Count(index => FilterEvaluator.Matches(Filter.MustAll(new SliceCondition(total, (uint)index)), new TestPoint(id, default)));
                Assert.Equal(1, slices);
            }
        }

        var fine = ids.Where(id => PointSlice.IndexOf(id, 4) == 0).ToHashSet();
        var coarse = ids.Where(id => PointSlice.IndexOf(id, 2) == 0).ToHashSet();
        Assert.NotEmpty(fine);
        Assert.True(fine.IsProperSubsetOf(coarse));
    }

    [Fact]
    public void Slice_OutOfRange_MatchesNothing()
    {
        Assert.False(FilterEvaluator.Matches(Filter.MustAll(new SliceCondition(2, 2)), new TestPoint(PointId.FromNum(1), default)));
        Assert.False(FilterEvaluator.Matches(Filter.MustAll(new SliceCondition(0, 0)), new TestPoint(PointId.FromNum(1), default)));
    }

    [Fact]
    public void PointConditions_InsideNested_NeverHold()
    {
        var point = new TestPoint(PointId.FromNum(7), Json("""{"items": [{"x": 1}]}"""), "");
        var ids = new HashSet<PointId> { PointId.FromNum(7) };

        Assert.False(FilterEvaluator.Matches(Filter.MustAll(new NestedCondition(Key("items"), Filter.MustAll(new HasIdCondition(ids)))), point));
        Assert.False(FilterEvaluator.Matches(Filter.MustAll(new NestedCondition(Key("items"), Filter.MustAll(new HasVectorCondition("")))), point));
        Assert.False(FilterEvaluator.Matches(Filter.MustAll(new NestedCondition(Key("items"), Filter.MustAll(new SliceCondition(1, 0)))), point));
        Assert.True(FilterEvaluator.Matches(Filter.MustAll(new NestedCondition(Key("items"), MustNot(new HasIdCondition(ids)))), point));
        Assert.True(FilterEvaluator.Matches(Filter.MustAll(new HasIdCondition(ids), new SliceCondition(1, 0), new HasVectorCondition("")), point));
    }

    [Fact]
    public void Matches_AcceptsRefStructPoints()
    {
        var point = new SpanPoint(PointId.FromNum(5), Json("""{"a": 1}"""));

        Assert.True(FilterEvaluator.Matches(Filter.MustAll(Value("a", 1), new HasIdCondition(new HashSet<PointId> { PointId.FromNum(5) })), point));
    }

    private readonly ref struct SpanPoint(PointId id, JsonElement payload) : IPointFacts
    {
        public PointId Id { get; } = id;

        public JsonElement Payload { get; } = payload;

        public bool HasVector(string name) => false;
    }
}
