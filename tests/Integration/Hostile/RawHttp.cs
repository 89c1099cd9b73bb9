using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Citadel.Tests.Integration.Hostile;

/// <summary>
/// HTTP/1.1 over a bare socket, for bodies no HttpClient should be trusted with: the body is produced while sending
/// and sending stops as soon as the server has answered, so the test sees whether the server answered before it
/// had read everything.
/// </summary>
internal static class RawHttp
{
    public sealed record Answer(int Status, string Body, long BytesSent, long BytesOffered);

    /// <summary>
    /// Sends <paramref name="totalBytes"/> of spaces as a JSON body, either with a declared Content-Length or chunked,
    /// and returns the status, body and how many body bytes went out before the answer came.
    /// </summary>
    public static async Task<Answer> SendLargeBodyAsync(int port, string method, string path, long totalBytes, bool chunked, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port, cts.Token);
        var stream = client.GetStream();
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{method} {path} HTTP/1.1\r\n")
            .Append(CultureInfo.InvariantCulture, $"Host: 127.0.0.1:{port}\r\n")
            .Append("Content-Type: application/json\r\n")
            .Append(chunked ? "Transfer-Encoding: chunked\r\n" : string.Create(CultureInfo.InvariantCulture, $"Content-Length: {totalBytes}\r\n"))
            .Append("\r\n")
            .ToString();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), cts.Token);

        var answer = ReadResponseAsync(stream, cts.Token);
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)' ');
        var chunkHeader = Encoding.ASCII.GetBytes($"{chunk.Length:x}\r\n");
        var crlf = "\r\n"u8.ToArray();
        long sent = 0;
        try
        {
            while (sent < totalBytes && !answer.IsCompleted)
            {
                var n = (int)Math.Min(chunk.Length, totalBytes - sent);
                if (chunked)
                {
                    await stream.WriteAsync(n == chunk.Length ? chunkHeader : Encoding.ASCII.GetBytes($"{n:x}\r\n"), cts.Token);
                    await stream.WriteAsync(chunk.AsMemory(0, n), cts.Token);
                    await stream.WriteAsync(crlf, cts.Token);
                }
                else
                {
                    await stream.WriteAsync(chunk.AsMemory(0, n), cts.Token);
                }

                sent += n;
            }

            if (chunked && !answer.IsCompleted)
            {
                await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), cts.Token);
            }
        }
        catch (IOException)
        {
            // The server closed the connection after answering; the answer is what counts.
        }

        var (status, body) = await answer;
        return new Answer(status, body, sent, totalBytes);
    }

    private static async Task<(int Status, string Body)> ReadResponseAsync(NetworkStream stream, CancellationToken cancel)
    {
        var buffer = new MemoryStream();
        var block = new byte[8192];
        int headerEnd;
        while ((headerEnd = IndexOfHeaderEnd(buffer)) < 0)
        {
            var n = await stream.ReadAsync(block, cancel);
            if (n == 0)
            {
                throw new IOException($"connection closed before a complete response head; got: {Encoding.ASCII.GetString(buffer.ToArray())}");
            }

            buffer.Write(block, 0, n);
        }

        var all = buffer.ToArray();
        var head = Encoding.ASCII.GetString(all, 0, headerEnd);
        var lines = head.Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var length = lines.Skip(1)
            .Select(l => l.Split(':', 2))
            .Where(p => p.Length == 2 && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(p => int.Parse(p[1].Trim(), CultureInfo.InvariantCulture))
            .FirstOrDefault(-1);
        var body = new MemoryStream();
        body.Write(all, headerEnd + 4, all.Length - headerEnd - 4);
        if (length < 0)
        {
            // Chunked answer: the error envelope is small, read until the terminating chunk.
            while (!Encoding.ASCII.GetString(body.ToArray()).Contains("\r\n0\r\n", StringComparison.Ordinal))
            {
                var n = await stream.ReadAsync(block, cancel);
                if (n == 0)
                {
                    break;
                }

                body.Write(block, 0, n);
            }

            return (status, Dechunk(Encoding.UTF8.GetString(body.ToArray())));
        }

        while (body.Length < length)
        {
            var n = await stream.ReadAsync(block, cancel);
            if (n == 0)
            {
                break;
            }

            body.Write(block, 0, n);
        }

        return (status, Encoding.UTF8.GetString(body.ToArray(), 0, (int)Math.Min(length, body.Length)));
    }

    private static int IndexOfHeaderEnd(MemoryStream buffer) =>
        buffer.Length < 4 ? -1 : buffer.GetBuffer().AsSpan(0, (int)buffer.Length).IndexOf("\r\n\r\n"u8);

    private static string Dechunk(string chunked)
    {
        var result = new StringBuilder();
        var rest = chunked;
        while (true)
        {
            var eol = rest.IndexOf("\r\n", StringComparison.Ordinal);
            if (eol < 0)
            {
                break;
            }

            var size = int.Parse(rest[..eol].Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                break;
            }

            result.Append(rest.AsSpan(eol + 2, size));
            rest = rest[(eol + 2 + size + 2)..];
        }

        return result.ToString();
    }
}
