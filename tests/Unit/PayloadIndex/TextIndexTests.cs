using Citadel.Storage.Index.Payload.Schema;
using Citadel.Storage.Index.Payload.Text;
using static Citadel.Tests.Unit.PayloadIndex.Conditions;

namespace Citadel.Tests.Unit.PayloadIndex;

/// <summary>Full-text indexes: tokenizer settings, and text matches taking the index's semantics as in Qdrant.</summary>
public sealed class TextIndexTests
{
    [Fact]
    public void WordTokenizer_LowercasesAndAppliesLengthLimitsAndStopwords()
    {
        var tokenizer = new TextTokenizer(new TextIndexParams { MinTokenLen = 2, MaxTokenLen = 5, StopwordsCustom = ["The"] });
        Assert.Equal(["quick", "fox"], tokenizer.Document("The quick, a jumping FOX"));
    }

    [Fact]
    public void WhitespaceTokenizer_KeepsPunctuationInsideTokens()
    {
        var tokenizer = new TextTokenizer(new TextIndexParams { Tokenizer = TokenizerKind.Whitespace, Lowercase = false });
        Assert.Equal(["Hello,", "world!"], tokenizer.Document("  Hello,\tworld! "));
    }

    [Fact]
    public void PrefixTokenizer_IndexesPrefixesAndQueriesWholeWords()
    {
        var tokenizer = new TextTokenizer(new TextIndexParams { Tokenizer = TokenizerKind.Prefix, MinTokenLen = 1, MaxTokenLen = 4 });
        Assert.Equal(["h", "he", "hel", "hell", "м", "ми", "мир"], tokenizer.Document("Hello, мир!"));
        Assert.Equal(["hell", "мир"], tokenizer.Query("Hello, мир!"));
    }

    [Fact]
    public void TextMatch_OnAnIndexedField_UsesTheIndexTokensOverAllValues()
    {
        var schema = SegmentIndexKit.SchemaOf(("t", PayloadFieldSchema.Of(new TextIndexParams { Tokenizer = TokenizerKind.Prefix, MaxTokenLen = 10 })));
        var kit = SegmentIndexKit.Sealed(schema, [
            SegmentIndexKit.Json("""{"t": ["quick brown", "fox"]}"""),
            SegmentIndexKit.Json("""{"t": "quickly"}"""),
            SegmentIndexKit.Json("""{"t": "slow"}"""),
        ]);

        // Every query token in the point's tokens, over both strings; "qui" is a prefix of indexed words.
        Assert.Equal([1UL], kit.Indexed(Must(Text("t", "brown fox"))));
        Assert.Equal([1UL, 2UL], kit.Indexed(Must(Text("t", "qui"))));
        Assert.Equal([1UL, 3UL], kit.Indexed(Must(TextAny("t", "fox slow"))));
        Assert.Empty(kit.Indexed(Must(Text("t", "!!"))));
        Assert.True(kit.Narrowed(Must(Text("t", "brown"))));
    }

    [Fact]
    public void Phrase_NeedsTheTokensInOrder()
    {
        var schema = SegmentIndexKit.SchemaOf(("t", PayloadFieldSchema.Of(new TextIndexParams { PhraseMatching = true })));
        var kit = SegmentIndexKit.Sealed(schema, [
            SegmentIndexKit.Json("""{"t": "The quick brown fox"}"""),
            SegmentIndexKit.Json("""{"t": "brown quick"}"""),
        ]);

        Assert.Equal([1UL], kit.Indexed(Must(Phrase("t", "QUICK brown"))));
        var estimate = kit.Estimate(Must(Phrase("t", "quick brown")));
        Assert.True(estimate.Min <= 1 && estimate.Max >= 1);
    }

    [Fact]
    public void UnindexedTextField_KeepsTheEvaluatorsPerValueSemantics()
    {
        var kit = SegmentIndexKit.Sealed(SegmentIndexKit.SchemaOf(("other", SegmentIndexKit.Type(PayloadSchemaType.Keyword))), [
            SegmentIndexKit.Json("""{"t": ["quick brown", "fox"]}"""),
        ]);

        Assert.Empty(kit.Indexed(Must(Text("t", "brown fox"))));
    }
}
