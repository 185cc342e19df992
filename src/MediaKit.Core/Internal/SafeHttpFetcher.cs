using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace MediaKit.Internal;

/// <summary>
/// Fetches import URLs without letting a row reach into the server's own network (SSRF).
/// </summary>
/// <remarks>
/// Every TCP connection goes through <see cref="ConnectAsync"/>: the host is resolved once, every address it resolves
/// to must be allowed (a host that mixes a public and a private address is refused whole), and the socket connects to
/// the checked address itself, so a second DNS answer cannot swap in another one. There is no proxy (a proxy would
/// connect on our behalf, unchecked), no cookies, no automatic redirects: redirects are followed here, at most
/// <c>maxRedirects</c>, and each hop is a new request whose connection is checked again.
/// </remarks>
internal sealed class SafeHttpFetcher : IDisposable
{
    private static readonly ProductInfoHeaderValue s_userAgent = new("MediaKit-Import", "1.0");

    private readonly HttpClient _client;
    private readonly Func<IPEndPoint, bool> _isAllowed;
    private readonly int _maxRedirects;

    /// <param name="allowPrivateNetworks">See <see cref="MediaImportOptions.AllowPrivateNetworks"/>.</param>
    /// <param name="maxRedirects">How many redirects to follow.</param>
    /// <param name="endpointPolicy">Replaces the address policy (tests only).</param>
    public SafeHttpFetcher(bool allowPrivateNetworks, int maxRedirects, Func<IPEndPoint, bool>? endpointPolicy = null)
    {
        _isAllowed = endpointPolicy ?? (endpoint => ImportAddressPolicy.IsAllowed(endpoint.Address, allowPrivateNetworks));
        _maxRedirects = maxRedirects;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectCallback = ConnectAsync,
        };
        _client = new HttpClient(handler, disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }

    /// <summary>Sends GET requests, following redirects, until a successful response; returns its body limited to <paramref name="maxLength"/>.</summary>
    /// <exception cref="MediaException">An import code: the address, the scheme, the status, the size or the connection was refused or failed.</exception>
    public async Task<ImportSource> FetchAsync(Uri url, long maxLength, CancellationToken cancellationToken)
    {
        var current = url;
        for (var hop = 0; ; hop++)
        {
            CheckBeforeConnecting(current);
            HttpResponseMessage response;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, current);
                request.Headers.UserAgent.Add(s_userAgent);
                response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            }
            catch (HttpRequestException ex)
            {
                throw FindMediaException(ex) ?? new MediaException(MediaErrorCodes.ImportFetchFailed, $"Could not fetch {Describe(current)}: {ex.Message}", ex);
            }

            var status = (int)response.StatusCode;
            if (status is 301 or 302 or 303 or 307 or 308)
            {
                var location = response.Headers.Location;
                response.Dispose();
                if (location is null)
                {
                    throw new MediaException(MediaErrorCodes.ImportFetchFailed, $"{Describe(current)} answered {status} without a Location.");
                }

                if (hop >= _maxRedirects)
                {
                    throw new MediaException(MediaErrorCodes.ImportFetchFailed, $"{Describe(url)} redirected more than {_maxRedirects} times.");
                }

                current = location.IsAbsoluteUri ? location : new Uri(current, location);
                continue;
            }

            try
            {
                if (!response.IsSuccessStatusCode)
                {
                    throw new MediaException(MediaErrorCodes.ImportFetchFailed, $"{Describe(current)} answered {status} {response.ReasonPhrase}.");
                }

                var length = response.Content.Headers.ContentLength;
                if (length > maxLength)
                {
                    throw new MediaException(MediaErrorCodes.ImportTooLarge, $"{Describe(current)} is {length:N0} bytes; an import may read at most {maxLength:N0}.");
                }

                var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                return new ImportSource(new ImportSourceStream(body, maxLength, response), length);
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }
    }

    public void Dispose() => _client.Dispose();

    /// <summary>Refuses what can be refused without a connection: another scheme, or an address literal that is not allowed.</summary>
    private void CheckBeforeConnecting(Uri url)
    {
        if (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
        {
            throw new MediaException(MediaErrorCodes.ImportInvalidSource, $"{Describe(url)} is not an http or https URL.");
        }

        if (url.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            && IPAddress.TryParse(url.IdnHost.AsSpan().Trim("[]"), out var literal)
            && !_isAllowed(new IPEndPoint(literal, url.Port)))
        {
            throw Forbidden(url.IdnHost, literal);
        }
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var port = context.DnsEndPoint.Port;
        IPAddress[] addresses;
        if (IPAddress.TryParse(host.AsSpan().Trim("[]"), out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await Dns.GetHostAddressesAsync(host, cancellationToken);
            }
            catch (SocketException ex)
            {
                throw new MediaException(MediaErrorCodes.ImportFetchFailed, $"The host {host} could not be resolved: {ex.Message}", ex);
            }
        }

        if (addresses.Length == 0)
        {
            throw new MediaException(MediaErrorCodes.ImportFetchFailed, $"The host {host} has no address.");
        }

        foreach (var address in addresses)
        {
            if (!_isAllowed(new IPEndPoint(address, port)))
            {
                throw Forbidden(host, address);
            }
        }

        Exception? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                // The checked address itself: no second resolution between the check and the connection.
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (Exception ex) when (ex is SocketException)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw new MediaException(MediaErrorCodes.ImportFetchFailed, $"Could not connect to {host}: {last!.Message}", last);
    }

    private static MediaException Forbidden(string host, IPAddress address)
        => new(MediaErrorCodes.ImportForbiddenAddress, $"The host {host} resolves to {address} ({ImportAddressPolicy.Classify(address)}), which an import may not connect to.");

    private static MediaException? FindMediaException(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is MediaException media)
            {
                return media;
            }
        }

        return null;
    }

    // Never echo credentials or query strings (they may carry tokens) into messages and logs.
    internal static string Describe(Uri url) => $"{url.Scheme}://{url.Authority}{url.AbsolutePath}";
}

/// <summary>An opened import source: its bytes (limited) and the length it announced, if any.</summary>
internal sealed class ImportSource(ImportSourceStream content, long? length) : IAsyncDisposable
{
    public ImportSourceStream Content { get; } = content;

    public long? Length { get; } = length;

    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
