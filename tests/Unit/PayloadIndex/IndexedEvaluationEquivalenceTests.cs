using System.Text.Json;

namespace Citadel.Tests.Unit.PayloadIndex;

/// <summary>
/// Indexed evaluation must answer exactly what the evaluator answers point by point, for random filters over random
/// payloads, in sealed segments and in an appendable segment under inserts, replacements and deletions; and every
/// cardinality estimate must bracket the exact count.
/// </summary>
public sealed class IndexedEvaluationEquivalenceTests
{
    [Fact]
    public void SealedSegment_RandomFilters_MatchBruteForceAndEstimatesBracketTheCount()
    {
        var data = new RandomData(7);
        var payloads = Enumerable.Range(0, 400).Select(_ => data.Payload()).ToList();
        var kit = SegmentIndexKit.Sealed(RandomData.Schema, payloads, deleted: Enumerable.Range(0, 400).Where(i => i % 9 == 0));
        var narrowed = 0;
        for (var round = 0; round < 600; round++)
        {
            var filter = data.Filter();
            var expected = kit.BruteForce(filter);
            Assert.Equal(expected, kit.Indexed(filter));
            var estimate = kit.Estimate(filter);
            Assert.True(estimate.Min <= expected.Count && expected.Count <= estimate.Max, $"round {round}: {estimate} vs {expected.Count}");
            Assert.InRange(estimate.Expected, estimate.Min, estimate.Max);
            narrowed += kit.Narrowed(filter) ? 1 : 0;
        }

        // Most random filters have an indexed `must` condition: the indexes must actually be used.
        Assert.True(narrowed > 200, $"only {narrowed} filters were narrowed by an index");
    }

    [Fact]
    public void AppendableSegment_UnderInsertsUpdatesAndDeletes_MatchesBruteForce()
    {
        var data = new RandomData(11);
        var kit = SegmentIndexKit.Appendable(RandomData.Schema);
        var random = new Random(3);
        ulong nextId = 1;
        for (var step = 0; step < 9000; step++)
        {
            var action = random.Next(10);
            if (action < 5 || nextId < 20)
            {
                kit.Upsert(nextId++, data.Payload());
            }
            else if (action < 9)
            {
                kit.Upsert((ulong)random.Next(1, (int)nextId), data.Payload());
            }
            else
            {
                kit.Delete((ulong)random.Next(1, (int)nextId));
            }

            if (step % 300 == 0)
            {
                for (var q = 0; q < 15; q++)
                {
                    var filter = data.Filter();
                    var expected = kit.BruteForce(filter);
                    Assert.Equal(expected, kit.Indexed(filter));
                    var estimate = kit.Estimate(filter);
                    Assert.True(estimate.Min <= expected.Count && expected.Count <= estimate.Max, $"step {step}: {estimate} vs {expected.Count}");
                }
            }
        }
    }

    [Fact]
    public void PayloadReplacedByOneWithoutTheField_LeavesTheIndex()
    {
        var kit = SegmentIndexKit.Appendable(RandomData.Schema);
        kit.Upsert(1, """{"k": "red", "n": 1}""");
        kit.Upsert(1, "{}");
        Assert.Empty(kit.Indexed(Conditions.Must(Conditions.Keyword("k", "red"))));
        Assert.Empty(kit.Indexed(Conditions.Must(Conditions.Integer("n", 1))));
        Assert.Equal(JsonValueKind.Object, kit.Segment.PayloadAt(0).ValueKind);
    }
}
