using Citadel.Common.Errors;
using Citadel.Storage.Payloads;

namespace Citadel.Storage.Index.Payload;

/// <summary>Qdrant's errors for operations that need a payload index (<c>OperationError</c>, shown as bad input).</summary>
internal static class PayloadIndexErrors
{
    public static CitadelException MissingRangeIndexForOrderBy(JsonPath key) => CitadelException.BadInput(
        $"No range index for `order_by` key: `{key}`. Please create one to use `order_by`. Check https://qdrant.tech/documentation/concepts/indexing/#payload-index to see which payload schemas support Range conditions");

    public static CitadelException MissingMapIndexForFacet(JsonPath key) => CitadelException.BadInput(
        $"No appropriate index for faceting: `{key}`. Please create one to facet on this field. Check https://qdrant.tech/documentation/concepts/indexing/#payload-index to see which payload schemas support Match conditions");
}
