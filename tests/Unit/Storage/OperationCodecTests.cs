using System.Text.Json;
using Citadel.Storage.Operations;
using Citadel.Storage.Payloads;
using Citadel.Storage.Points;

namespace Citadel.Tests.Unit.Storage;

public sealed class OperationCodecTests
{
    [Fact]
    public void EveryResolvedOperation_RoundTripsThroughTheWalEncoding()
    {
        var ids = new IdsSelector([PointId.FromNum(7), PointId.FromUuid(Guid.NewGuid())]);
        var payload = JsonSerializer.SerializeToElement(new { a = 1, b = new List<string> { "x", "y" } });
        UpdateOperation[] ops =
        [
            new UpsertPoints([new PointStruct(PointId.FromNum(1), new Dictionary<string, float[]> { ["img"] = [1, 2, 3] }, payload)]),
            new DeletePoints(ids),
            new SetPayload(payload, ids, JsonPath.Parse("meta.inner")),
            new OverwritePayload(payload, ids),
            new DeletePayload([JsonPath.Parse("a"), JsonPath.Parse("b[]")], ids),
            new ClearPayload(ids),
            new UpdateVectors([new PointVectors(PointId.FromNum(2), new Dictionary<string, float[]> { [string.Empty] = [0.5f] })]),
            new DeleteVectors(ids, ["img", string.Empty]),
        ];

        foreach (var op in ops)
        {
            var decoded = OperationCodec.Decode(OperationCodec.Encode(op));
            Assert.Equal(op.GetType(), decoded.GetType());
            Assert.Equal(Describe(op), Describe(decoded));
        }
    }

    [Fact]
    public void FilterSelectors_CannotBeLogged() =>
        Assert.Throws<ArgumentException>(() => OperationCodec.Encode(new DeletePoints(new FilterSelector(Citadel.Storage.Filtering.Filter.Empty))));

    private static string Describe(UpdateOperation op) => op switch
    {
        UpsertPoints u => string.Join(";", u.Points.Select(p => $"{p.Id}:{string.Join(",", p.Vectors.Select(v => v.Key + "=" + string.Join("/", v.Value)))}:{p.Payload.GetRawText()}")),
        UpdateVectors uv => string.Join(";", uv.Points.Select(p => $"{p.Id}:{string.Join(",", p.Vectors.Select(v => v.Key + "=" + string.Join("/", v.Value)))}")),
        DeletePoints d => Ids(d.Selector),
        SetPayload s => $"{Ids(s.Selector)}|{s.Payload.GetRawText()}|{s.Key}",
        OverwritePayload o => $"{Ids(o.Selector)}|{o.Payload.GetRawText()}",
        DeletePayload dp => $"{Ids(dp.Selector)}|{string.Join(",", dp.Keys)}",
        ClearPayload c => Ids(c.Selector),
        DeleteVectors dv => $"{Ids(dv.Selector)}|{string.Join(",", dv.VectorNames)}",
        _ => throw new ArgumentException("unknown"),
    };

    private static string Ids(PointsSelector s) => string.Join(",", ((IdsSelector)s).Ids);
}
