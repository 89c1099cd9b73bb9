using Citadel.Storage.Query;
using G = Citadel.Grpc;

namespace Citadel.Node.Grpc.Conversions;

/// <summary><c>SearchMatrixPoints</c> in, <c>SearchMatrixPairs</c> and <c>SearchMatrixOffsets</c> out.</summary>
internal static class MatrixConversions
{
    public static SearchMatrixRequest ToDomain(G.SearchMatrixPoints r)
    {
        GrpcInput.NoShardKey(r.ShardKeySelector);
        GrpcInput.ReadConsistency(r.ReadConsistency);
        GrpcInput.Timeout(r.HasTimeout, r.Timeout);
        return new SearchMatrixRequest(
            FilterConversions.ToDomainOrNull(r.Filter),
            r.HasSample ? Bounded(r.Sample, "sample", 2) : SearchMatrixRequest.DefaultSample,
            r.HasLimit ? Bounded(r.Limit, "limit", 1) : SearchMatrixRequest.DefaultLimit,
            r.HasUsing ? r.Using : string.Empty);
    }

    public static G.SearchMatrixPairs Pairs(SearchMatrixResult matrix)
    {
        var result = new G.SearchMatrixPairs();
        result.Pairs.AddRange(matrix.Pairs().Select(p => new G.SearchMatrixPair
        {
            A = PointIdConversions.ToProto(p.A),
            B = PointIdConversions.ToProto(p.B),
            Score = p.Score,
        }));
        return result;
    }

    public static G.SearchMatrixOffsets Offsets(SearchMatrixResult matrix)
    {
        var (rows, columns, scores) = matrix.Offsets();
        var result = new G.SearchMatrixOffsets();
        result.OffsetsRow.AddRange(rows);
        result.OffsetsCol.AddRange(columns);
        result.Scores.AddRange(scores);
        result.Ids.AddRange(matrix.Ids.Select(PointIdConversions.ToProto));
        return result;
    }

    private static int Bounded(ulong value, string field, int min) =>
        value >= (ulong)min && value <= Rest.Parsing.SearchParser.MaxLimit
            ? (int)value
            : throw GrpcInput.Validation(field, $"value {value} invalid, must be from {min} to {Rest.Parsing.SearchParser.MaxLimit}");
}
