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

    // Field names encoded once: an entry is written for nearly every request.
    private static readonly JsonEncodedText Timestamp = JsonEncodedText.Encode("timestamp");
    private static readonly JsonEncodedText Method = JsonEncodedText.Encode("method");
    private static readonly JsonEncodedText Api = JsonEncodedText.Encode("api");
    private static readonly JsonEncodedText AuthType = JsonEncodedText.Encode("auth_type");
    private static readonly JsonEncodedText Subject = JsonEncodedText.Encode("subject");
    private static readonly JsonEncodedText Remote = JsonEncodedText.Encode("remote");
    private static readonly JsonEncodedText Collection = JsonEncodedText.Encode("collection");
    private static readonly JsonEncodedText TracingId = JsonEncodedText.Encode("tracing_id");
    private static readonly JsonEncodedText Result = JsonEncodedText.Encode("result");
    private static readonly JsonEncodedText Error = JsonEncodedText.Encode("error");

    /// <summary>Writes one line (without the trailing newline).</summary>
    public static void Write(IBufferWriter<byte> output, AuditEvent e)
    {
        using var w = new Utf8JsonWriter(output, Options);
        Write(w, e);
    }

    /// <summary>Writes one line (without the trailing newline) with a writer the caller reuses.</summary>
    public static void Write(Utf8JsonWriter w, AuditEvent e)
    {
        Span<byte> timestamp = stackalloc byte[StoredTimestamp.Length];
        StoredTimestamp.Write(timestamp, e.Timestamp);
        w.WriteStartObject();
        w.WriteString(Timestamp, timestamp);
        WriteOptional(w, Method, e.Method);
        WriteOptional(w, Api, e.Api);
        w.WriteString(AuthType, e.AuthType);
        WriteOptional(w, Subject, e.Subject);
        WriteOptional(w, Remote, e.Remote);
        WriteOptional(w, Collection, e.Collection);
        WriteOptional(w, TracingId, e.TracingId);
        w.WriteString(Result, e.Result);
        WriteOptional(w, Error, e.Error);
        w.WriteEndObject();
        w.Flush();
    }

    /// <summary>A writer for <see cref="Write(Utf8JsonWriter, AuditEvent)"/> with the escaping every entry needs.</summary>
    public static Utf8JsonWriter CreateWriter(IBufferWriter<byte> output) => new(output, Options);

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

    private static void WriteOptional(Utf8JsonWriter w, JsonEncodedText name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }
}
