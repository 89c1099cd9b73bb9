using System.Runtime.InteropServices;
using System.Text.Json;

namespace Citadel.Storage.Filtering;

/// <summary>Reads JSON string values without allocating when they contain no escapes.</summary>
internal static class JsonStrings
{
    /// <summary>The UTF-8 content of a string element when it has no escape sequences; false otherwise.</summary>
    public static bool TryGetUnescapedUtf8(JsonElement element, out ReadOnlySpan<byte> utf8)
    {
        utf8 = JsonMarshal.GetRawUtf8Value(element);
        if (utf8.Length >= 2 && utf8[0] == (byte)'"' && utf8[^1] == (byte)'"')
        {
            utf8 = utf8[1..^1];
        }

        return !utf8.Contains((byte)'\\');
    }
}
