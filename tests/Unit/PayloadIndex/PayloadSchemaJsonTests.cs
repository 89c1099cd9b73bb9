using System.Text;
using System.Text.Json;
using Citadel.Storage.Index.Payload.Schema;

namespace Citadel.Tests.Unit.PayloadIndex;

public sealed class PayloadSchemaJsonTests
{
    [Theory]
    [InlineData("\"keyword\"")]
    [InlineData("""{"type":"keyword","is_tenant":true,"on_disk":false,"memory":"cold","prefix":true}""")]
    [InlineData("""{"type":"integer","lookup":null,"range":false,"is_principal":null}""")]
    [InlineData("""{"type":"float","is_principal":true,"enable_hnsw":false}""")]
    [InlineData("""{"type":"text","tokenizer":"prefix","min_token_len":2,"max_token_len":10,"lowercase":false,"phrase_matching":true,"stopwords":{"custom":["a","the"]}}""")]
    [InlineData("""{"type":"text","tokenizer":"word","stopwords":"english"}""")]
    [InlineData("""{"type":"datetime","is_principal":null}""")]
    [InlineData("""{"type":"uuid","is_tenant":true}""")]
    [InlineData("""{"type":"geo","memory":"pinned"}""")]
    [InlineData("""{"type":"bool"}""")]
    public void Schemas_RoundTripInQdrantsShape(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var schema = PayloadFieldSchemaJson.Read(doc.RootElement);
        Assert.Equal(json, PayloadFieldSchemaJson.ToJsonText(schema));
    }

    [Fact]
    public void PayloadIndexInfo_ShowsParamsOnlyWhenGivenAsObject()
    {
        Assert.Equal("""{"data_type":"keyword","points":3}""", Info(PayloadFieldSchema.Of(PayloadSchemaType.Keyword), 3));
        Assert.Equal(
            """{"data_type":"integer","params":{"type":"integer","lookup":true,"range":null,"is_principal":null},"points":0}""",
            Info(PayloadFieldSchema.Of(new IntegerIndexParams { Lookup = true }), 0));
    }

    [Fact]
    public void SameSchemaGivenTwice_IsRecognisedAsTheSameIndex()
    {
        var a = PayloadFieldSchema.Of(new TextIndexParams { StopwordsCustom = ["x"] });
        var b = PayloadFieldSchema.Of(new TextIndexParams { StopwordsCustom = ["x"] });
        Assert.True(a.SameAs(b));
        Assert.False(a.SameAs(PayloadFieldSchema.Of(PayloadSchemaType.Text)));
    }

    private static string Info(PayloadFieldSchema schema, long points)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            PayloadFieldSchemaJson.WriteInfo(w, schema, points);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
