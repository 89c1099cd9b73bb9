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

        return await ReadBoundedAsync(context, buffer =>
        {
            try
            {
                if (buffer.Length == 0)
                {
                    throw CitadelException.Format("EOF while parsing a value at line 1 column 0");
                }

                RequireUtf8(buffer);

                // A copy: a document parsed from the pipe's own memory keeps reading values from it after the pipe
                // has handed that memory to another request.
                return JsonDocument.Parse(buffer.ToArray(), Options);
            }
            catch (JsonException e)
            {
                throw CitadelException.Format(Describe(e));
            }
        });
    }

    /// <summary>
    /// Reads the body as bytes under the same size limit, without interpreting it (a request forwarded to the peer
    /// that holds the collection is parsed there).
    /// </summary>
    public Task<byte[]> ReadRawAsync(HttpContext context) => ReadBoundedAsync(context, buffer => buffer.ToArray());

    /// <summary>Buffers the whole body, failing as soon as it passes the limit, and hands it to <paramref name="complete"/>.</summary>
    private async Task<T> ReadBoundedAsync<T>(HttpContext context, Func<System.Buffers.ReadOnlySequence<byte>, T> complete)
    {
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
                throw Overflow();
            }

            if (read.IsCompleted)
            {
                try
                {
                    return complete(read.Buffer);
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

    // actix-web's JsonPayloadError texts: OverflowKnownLength for a declared length, Overflow for a streamed body.
    private CitadelException TooLarge(long size) =>
        CitadelException.Format($"JSON payload ({size} bytes) is larger than allowed (limit: {maxBytes} bytes).");

    private CitadelException Overflow() =>
        CitadelException.Format($"JSON payload has exceeded limit ({maxBytes} bytes).");

    private static bool IsJson(string contentType)
    {
        var mediaType = contentType.Split(';', 2)[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// System.Text.Json does not check the bytes inside strings, so invalid UTF-8 would be stored as U+FFFD;
    /// Qdrant's reader refuses such a body, and so does Citadel.
    /// </summary>
    private static void RequireUtf8(ReadOnlySequence<byte> body)
    {
        if (body.IsSingleSegment)
        {
            if (!System.Text.Unicode.Utf8.IsValid(body.FirstSpan))
            {
                throw InvalidUtf8();
            }

            return;
        }

        var decoder = StrictUtf8.GetDecoder();
        var chars = ArrayPool<char>.Shared.Rent(4096);
        try
        {
            foreach (var segment in body)
            {
                var bytes = segment.Span;
                while (bytes.Length > 0)
                {
                    decoder.Convert(bytes, chars, flush: false, out var used, out _, out _);
                    bytes = bytes[used..];
                }
            }

            // A sequence cut short at the very end is invalid too.
            decoder.Convert(ReadOnlySpan<byte>.Empty, chars, flush: true, out _, out _, out _);
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw InvalidUtf8();
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static CitadelException InvalidUtf8() => CitadelException.Format("invalid unicode code point: the body is not valid UTF-8");

    private static string Describe(JsonException e)
    {
        // System.Text.Json messages name the internal path and byte position; keep the useful part only.
        var line = e.LineNumber is { } l ? l + 1 : 1;
        var column = e.BytePositionInLine is { } c ? c + 1 : 0;
        var message = e.Message;
        foreach (var marker in (ReadOnlySpan<string>)[" Path:", " LineNumber:"])
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[..cut];
            }
        }

        return $"{message.TrimEnd('.')} at line {line} column {column}";
    }
}
