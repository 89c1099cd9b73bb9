using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Citadel.Audit;

/// <summary>
/// One entry per line, fields in Qdrant's order. Utf8JsonWriter escapes quotes, backslashes, newlines and every
/// control character, so a hostile header value can neither end a line nor inject a field.
/// </summary>
public static class AuditEventJson
{
    /// <summary>Field names a query may filter on (everything but the timestamp).</summary>
    public static readonly IReadOnlySet<string> FilterableFields = new HashSet<string>(StringComparer.Ordinal)
    {
        "method", "api", "auth_type", "subject", "remote", "collection", "tracing_id", "result", "error",
    };

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.Default, SkipValidation = false };

    /// <summary>Writes one line (without the trailing newline).</summary>
    public static void Write(IBufferWriter<byte> output, AuditEvent e)
    {
        using var w = new Utf8JsonWriter(output, Options);
        w.WriteStartObject();
        w.WriteString("timestamp", FormatTimestamp(e.Timestamp));
        WriteOptional(w, "method", e.Method);
        WriteOptional(w, "api", e.Api);
        w.WriteString("auth_type", e.AuthType);
        WriteOptional(w, "subject", e.Subject);
        WriteOptional(w, "remote", e.Remote);
        WriteOptional(w, "collection", e.Collection);
        WriteOptional(w, "tracing_id", e.TracingId);
        w.WriteString("result", e.Result);
        WriteOptional(w, "error", e.Error);
        w.WriteEndObject();
    }

    /// <summary>RFC 3339 in UTC with microseconds, e.g. <c>2026-11-23T17:01:02.123456Z</c>.</summary>
    public static string FormatTimestamp(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Reads the timestamp of a stored line without parsing the rest; null when the line is not an entry.</summary>
    public static DateTimeOffset? ReadTimestamp(ReadOnlySpan<byte> line)
    {
        // A query may read a million lines: our own format is decoded in place, anything else goes through the parser.
        if (StoredTimestamp.TryRead(line, out var stored))
        {
            return stored;
        }

        var reader = new Utf8JsonReader(line);
        try
        {
            if (reader.Read() && reader.TokenType == JsonTokenType.StartObject && reader.Read()
                && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("timestamp"u8) && reader.Read()
                && reader.TokenType == JsonTokenType.String
                && DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t))
            {
                return t;
            }
        }
        catch (JsonException)
        {
            // A torn last line after a crash is not an entry.
        }

        return null;
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }
}
