using System.Net;
using System.Net.Sockets;
using Citadel.Common.Errors;
using Citadel.Storage.IO;

namespace Citadel.Node.Snapshots;

/// <summary>
/// Fetches a snapshot from an http(s) URL for recover. Every connection, redirects included, goes through
/// <see cref="AddressPolicy"/> on the address actually connected to (after DNS), so neither a redirect nor a DNS
/// answer can point the node at an internal service. Redirects are followed by hand: the caller's <c>api_key</c> is
/// sent only to the origin the caller named, and the node's own keys are never sent anywhere. The body is bounded by
/// the upload limit and the free-disk reserve, and hashed while it is written.
/// </summary>
internal sealed class SnapshotDownloader : IDisposable
{
    private const int MaxRedirects = 5;
    private readonly HttpClient _http;
    private readonly AddressPolicy _policy;

    public SnapshotDownloader(AddressPolicy policy)
    {
        _policy = policy;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            ConnectTimeout = TimeSpan.FromSeconds(30),
            ConnectCallback = ConnectAsync,
        };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Downloads <paramref name="url"/> into <paramref name="destination"/> and returns its SHA-256.</summary>
    public async Task<string> DownloadAsync(Uri url, string? apiKey, string destination, long maxBytes, long writableBytes, CancellationToken cancellationToken)
    {
        var origin = url;
        var current = url;
        for (var hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            if (apiKey is not null && SameOrigin(origin, current))
            {
                request.Headers.Add("api-key", apiKey);
            }

            using var response = await SendAsync(request, current, cancellationToken);
            if (IsRedirect(response.StatusCode) && response.Headers.Location is { } location)
            {
                var next = location.IsAbsoluteUri ? location : new Uri(current, location);
                if (hop >= MaxRedirects || next.Scheme is not ("http" or "https"))
                {
                    throw CitadelException.BadRequest($"Failed to download snapshot from {Describe(url)}: too many or unsupported redirects");
                }

                current = next;
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw CitadelException.BadRequest($"Failed to download snapshot from {Describe(url)}: HTTP status {(int)response.StatusCode}");
            }

            var limit = Math.Min(maxBytes, writableBytes);
            if (response.Content.Headers.ContentLength is { } length && length > limit)
            {
                throw TooLarge(length, maxBytes, writableBytes);
            }

            return await CopyAsync(response, destination, limit, maxBytes, writableBytes, cancellationToken);
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, Uri current, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e) when (e.InnerException is BlockedAddressException blocked)
        {
            throw CitadelException.Forbidden($"Snapshot location {Describe(current)} resolves to {blocked.Address}, an internal address; allow it in storage.snapshots_config.url_recovery_allowed_networks to recover from it");
        }
        catch (HttpRequestException e)
        {
            throw CitadelException.BadRequest($"Failed to download snapshot from {Describe(current)}: {e.Message}");
        }
    }

    private static async Task<string> CopyAsync(HttpResponseMessage response, string destination, long limit, long maxBytes, long writableBytes, CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await using var file = new FileStream(destination, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await using var hashing = new Sha256Stream(file, leaveOpen: true);
        var buffer = new byte[1 << 16];
        int n;
        while ((n = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (hashing.BytesTransferred + n > limit)
            {
                throw TooLarge(hashing.BytesTransferred + n, maxBytes, writableBytes);
            }

            await hashing.WriteAsync(buffer.AsMemory(0, n), cancellationToken);
        }

        file.Flush(flushToDisk: true);
        return hashing.HexDigest();
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var permitted = addresses.Where(_policy.Permits).ToList();
        if (permitted.Count == 0)
        {
            throw new BlockedAddressException(addresses.FirstOrDefault()?.ToString() ?? host);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            // Connect to the checked addresses themselves, never to the name again (no second DNS answer).
            await socket.ConnectAsync(permitted.ToArray(), context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static CitadelException TooLarge(long bytes, long maxBytes, long writableBytes) => bytes > maxBytes
        ? CitadelException.BadRequest($"Snapshot is larger than the maximum upload size of {maxBytes} bytes (storage.snapshots_config.max_upload_size_mb)")
        : CitadelException.BadRequest($"Not enough disk space for the snapshot: {writableBytes} bytes may be used");

    private static bool IsRedirect(HttpStatusCode status) => (int)status is 301 or 302 or 303 or 307 or 308;

    private static bool SameOrigin(Uri a, Uri b) =>
        a.Scheme == b.Scheme && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port;

    /// <summary>The URL without user info or query, which may carry credentials, for messages.</summary>
    private static string Describe(Uri url) =>
        new UriBuilder(url) { UserName = string.Empty, Password = string.Empty, Query = string.Empty, Fragment = string.Empty }.Uri.ToString();

    /// <summary>Raised inside the connect callback when every address of a host is refused.</summary>
    private sealed class BlockedAddressException(string address) : IOException($"connection to {address} refused by policy")
    {
        public string Address { get; } = address;
    }
}
