using System.Text;
using System.Text.Json;

namespace Citadel.Audit;

/// <summary>
/// A query's filters prepared once for a scan over many lines: field names and values as UTF-8 for allocation-free
/// comparison, and for each value that every JSON writer emits verbatim (printable ASCII that neither our encoder nor
/// Qdrant's escapes) the quoted bytes a matching line must contain, so most lines are rejected by a vectorised search
/// before any parsing.
/// </summary>
internal sealed class CompiledFilters
{
    private readonly byte[][] _names;
    private readonly byte[][] _values;
    private readonly byte[][] _needles;

    public CompiledFilters(IReadOnlyDictionary<string, string> filters)
    {
        _names = filters.Keys.Select(Encoding.UTF8.GetBytes).ToArray();
        _values = filters.Values.Select(Encoding.UTF8.GetBytes).ToArray();
        _needles = filters.Values.Where(IsVerbatim).Select(v => Encoding.UTF8.GetBytes($"\"{v}\"")).ToArray();
    }

    /// <summary>True when the entry has every filtered field with exactly the wanted string value.</summary>
    public bool Matches(ReadOnlySpan<byte> line)
    {
        if (_names.Length == 0)
        {
            return true;
        }

        foreach (var needle in _needles)
        {
            if (line.IndexOf(needle) < 0)
            {
                return false;
            }
        }

        var seen = 0;
        var reader = new Utf8JsonReader(line);
        try
        {
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var filter = IndexOf(ref reader);
                reader.Read();
                if (filter >= 0)
                {
                    if (reader.TokenType != JsonTokenType.String || !reader.ValueTextEquals(_values[filter]))
                    {
                        return false;
                    }

                    seen++;
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }

        // A filter on a field this entry does not have (e.g. `subject` of a key-authenticated call) does not match.
        return seen == _names.Length;
    }

    private int IndexOf(ref Utf8JsonReader reader)
    {
        for (var i = 0; i < _names.Length; i++)
        {
            if (reader.ValueTextEquals(_names[i]))
            {
                return i;
            }
        }

        return -1;
    }

    // JavaScriptEncoder.Default also escapes HTML-sensitive characters; serde_json only quotes, backslashes and controls.
    private static bool IsVerbatim(string value) =>
        value.All(c => c is >= ' ' and <= '~' and not ('"' or '\\' or '<' or '>' or '&' or '\'' or '+' or '`'));
}
