using Citadel.Common.Errors;
using Citadel.Node.Rest.Json;
using Citadel.Storage.Query;

namespace Citadel.Node.Rest.Parsing;

/// <summary>Reads <c>SearchMatrixRequest</c>: <c>sample</c> at least 2 (default 10), <c>limit</c> at least 1 (default 3).</summary>
internal static class MatrixParser
{
    public static SearchMatrixRequest Matrix(JNode body)
    {
        body.Object("shard_key", "filter", "sample", "limit", "using");
        ShardKeys.RejectShardKey(body);
        return new SearchMatrixRequest(
            body.Optional("filter") is { } f ? FilterParser.Parse(f) : null,
            Bounded(body.Optional("sample"), "sample", 2, SearchMatrixRequest.DefaultSample),
            Bounded(body.Optional("limit"), "limit", 1, SearchMatrixRequest.DefaultLimit),
            body.Optional("using")?.String() ?? string.Empty);
    }

    private static int Bounded(JNode? node, string field, int min, int fallback)
    {
        if (node is not { } n)
        {
            return fallback;
        }

        var value = n.Count();
        return value >= min && value <= SearchParser.MaxLimit
            ? value
            : throw CitadelException.Validation($"{field}: value {value} invalid, must be from {min} to {SearchParser.MaxLimit}");
    }
}
