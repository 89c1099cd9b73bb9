using System.Globalization;
using System.Text.Json;

namespace Citadel.Storage.Search;

/// <summary>Reads the value a point is ordered by: a number, or an RFC 3339 date-time as epoch microseconds.</summary>
internal static class OrderValues
{
    public static bool TryGet(JsonElement value, out double number, out bool isInteger)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number when value.TryGetInt64(out var l):
                number = l;
                isInteger = true;
                return true;
            case JsonValueKind.Number:
                number = value.GetDouble();
                isInteger = false;
                return true;
            case JsonValueKind.String when DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var dt):
                // Qdrant orders date-times by their timestamp in microseconds and reports it as an integer.
                number = (dt.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
                isInteger = true;
                return true;
            default:
                number = 0;
                isInteger = false;
                return false;
        }
    }
}
