using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Citadel.Common.Errors;
using Citadel.Node.Rest.Json;

namespace Citadel.Node.Rest;

/// <summary>
/// Reads a JSON request body: checks the content type, enforces <c>service.max_request_size_mb</c> while reading
/// (never buffering more than the limit), refuses duplicate keys and excessive nesting.
/// </summary>
internal sealed class RestBody(long maxBytes)
{
    private static readonly JsonDocumentOptions Options = new()
    {
        MaxDepth = 128,
        AllowDuplicateProperties = false,
    };

    public long MaxBytes => maxBytes;

    /// <summary>Reads and parses the body; the returned document must be disposed by the caller.</summary>
    public async Task<JsonDocument> ReadAsync(HttpContext context)
    {
        var contentType = context.Request.ContentType;
        if (contentType is null || !IsJson(contentType))
        {
            throw CitadelException.Format("Content type error: expected `Content-Type: application/json`");
        }

        if (context.Request.ContentLength is { } declared && declared > maxBytes)
        {
            throw TooLarge(declared);
        }

        var reader = context.Request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(context.RequestAborted);
            if (read.Buffer.Length > maxBytes)
            {
                reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
                throw TooLarge(read.Buffer.Length);
            }

            if (read.IsCompleted)
            {
                try
                {
                    if (read.Buffer.Length == 0)
                    {
                        throw CitadelException.Format("EOF while parsing a value at line 1 column 0");
                    }

                    return JsonDocument.Parse(read.Buffer, Options);
                }
                catch (JsonException e)
                {
                    throw CitadelException.Format(Describe(e));
                }
                finally
                {
                    reader.AdvanceTo(read.Buffer.End);
                }
            }

            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    /// <summary>Reads the body as a <see cref="JNode"/> rooted at the document.</summary>
    public async Task<(JsonDocument Document, JNode Root)> ReadNodeAsync(HttpContext context)
    {
        var doc = await ReadAsync(context);
        return (doc, new JNode(doc.RootElement, string.Empty));
    }

    private CitadelException TooLarge(long size) =>
        CitadelException.Format($"JSON payload ({size} bytes) is larger than allowed (limit: {maxBytes} bytes).");

    private static bool IsJson(string contentType)
    {
        var mediaType = contentType.Split(';', 2)[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    private static string Describe(JsonException e)
    {
        // System.Text.Json messages name the internal path and byte position; keep the useful part only.
        var line = e.LineNumber is { } l ? l + 1 : 1;
        var column = e.BytePositionInLine is { } c ? c + 1 : 0;
        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut > 0)
        {
            message = message[..cut];
        }

        return $"{message.TrimEnd('.')} at line {line} column {column}";
    }
}
