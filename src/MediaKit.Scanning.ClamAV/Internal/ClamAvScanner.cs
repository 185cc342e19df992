using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using MediaKit.Processing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MediaKit.Scanning.ClamAV.Internal;

/// <summary>
/// Streams a stored file to clamd with <c>zINSTREAM</c>: the command, then chunks each preceded by its length as a
/// 4-byte big-endian integer, then a zero length; clamd answers one NUL-terminated line
/// (<c>stream: OK</c>, <c>stream: NAME FOUND</c> or <c>... ERROR</c>). One connection per scan; the only buffer is one chunk.
/// </summary>
internal sealed partial class ClamAvScanner : IMediaScanner
{
    private const int MaxReplyLength = 4096;
    private static readonly byte[] s_command = "zINSTREAM\0"u8.ToArray();

    private readonly ClamAvScanningOptions _options;
    private readonly ILogger<ClamAvScanner> _logger;

    public ClamAvScanner(IOptions<ClamAvScanningOptions> options, ILogger<ClamAvScanner>? logger = null)
    {
        _options = options.Value;
        _logger = logger ?? NullLogger<ClamAvScanner>.Instance;
    }

    private string Endpoint => _options.UnixSocketPath is { } path ? "unix:" + path : $"{_options.Host}:{_options.Port}";

    public async Task<MediaScanResult> ScanAsync(Stream content, string contentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ScanTimeout);
        string reply;
        try
        {
            using var socket = await ConnectAsync(timeout.Token, cancellationToken);
            await using var network = new NetworkStream(socket, ownsSocket: false);
            reply = await SendAsync(network, content, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Unavailable(MediaErrorCodes.ScanUnavailable, $"clamd at {Endpoint} did not answer within {_options.ScanTimeout.TotalSeconds:0.#} s.", null);
        }
        catch (Exception ex) when (ex is SocketException or IOException)
        {
            return Unavailable(MediaErrorCodes.ScanUnavailable, $"clamd at {Endpoint} could not be reached: {ex.Message}", ex);
        }

        return Interpret(reply);
    }

    private MediaScanResult Interpret(string reply)
    {
        // "stream: OK", "stream: Eicar-Test-Signature FOUND", "INSTREAM size limit exceeded. ERROR"
        var verdict = reply.StartsWith("stream: ", StringComparison.Ordinal) ? reply["stream: ".Length..] : reply;
        if (verdict == "OK")
        {
            return MediaScanResult.Clean;
        }

        if (verdict.EndsWith(" FOUND", StringComparison.Ordinal))
        {
            var threat = verdict[..^" FOUND".Length].Trim();
            Log.Infected(_logger, threat, Endpoint);
            return new MediaScanResult(false, threat.Length == 0 ? null : threat);
        }

        return Unavailable(MediaErrorCodes.ScanFailed, $"clamd at {Endpoint} gave no verdict: {reply}", null);
    }

    private MediaScanResult Unavailable(string code, string reason, Exception? exception)
    {
        if (_options.FailOpen)
        {
            Log.FailedOpen(_logger, exception, reason);
            return MediaScanResult.Clean;
        }

        Log.FailedClosed(_logger, exception, reason);
        throw new MediaException(code, "The file could not be scanned for malware, so it was refused: " + reason, exception);
    }

    private async Task<Socket> ConnectAsync(CancellationToken scanToken, CancellationToken callerToken)
    {
        using var connect = CancellationTokenSource.CreateLinkedTokenSource(scanToken);
        connect.CancelAfter(_options.ConnectTimeout);
        var socket = _options.UnixSocketPath is { } path
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (_options.UnixSocketPath is { } socketPath)
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), connect.Token);
            }
            else
            {
                await socket.ConnectAsync(_options.Host, _options.Port, connect.Token);
            }

            return socket;
        }
        catch (OperationCanceledException) when (!callerToken.IsCancellationRequested && !scanToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new IOException($"connecting took longer than {_options.ConnectTimeout.TotalSeconds:0.#} s");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task<string> SendAsync(NetworkStream network, Stream content, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(_options.ChunkSize + 4);
        try
        {
            try
            {
                await network.WriteAsync(s_command, cancellationToken);
                while (true)
                {
                    var read = await ReadChunkAsync(content, buffer.AsMemory(4, _options.ChunkSize), cancellationToken);
                    BinaryPrimitives.WriteUInt32BigEndian(buffer, (uint)read);
                    await network.WriteAsync(buffer.AsMemory(0, read + 4), cancellationToken);
                    if (read == 0)
                    {
                        break;
                    }
                }
            }
            catch (IOException)
            {
                // clamd closes the connection when the stream passes its StreamMaxLength, after saying why:
                // the reply is more useful than the broken pipe.
                if (await TryReadReplyAsync(network, buffer, cancellationToken) is { Length: > 0 } early)
                {
                    return early;
                }

                throw;
            }

            return await TryReadReplyAsync(network, buffer, cancellationToken)
                ?? throw new IOException("clamd closed the connection without a verdict.");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<int> ReadChunkAsync(Stream content, Memory<byte> chunk, CancellationToken cancellationToken)
    {
        // Fill the chunk (short reads would otherwise mean many tiny chunks); 0 only at the end of the file.
        var filled = 0;
        while (filled < chunk.Length)
        {
            int read;
            try
            {
                read = await content.ReadAsync(chunk[filled..], cancellationToken);
            }
            catch (IOException ex)
            {
                // The stored file failed, not clamd: not a reason to fail open.
                throw new MediaException(MediaErrorCodes.StorageFailed, "The stored file could not be read for the malware scan.", ex);
            }

            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled;
    }

    private static async Task<string?> TryReadReplyAsync(NetworkStream network, byte[] buffer, CancellationToken cancellationToken)
    {
        var length = 0;
        try
        {
            while (length < Math.Min(buffer.Length, MaxReplyLength))
            {
                var read = await network.ReadAsync(buffer.AsMemory(length, Math.Min(buffer.Length, MaxReplyLength) - length), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                var end = Array.IndexOf(buffer, (byte)0, length, read);
                length += read;
                if (end >= 0)
                {
                    length = end;
                    break;
                }
            }
        }
        catch (IOException) when (length > 0)
        {
            // A reset after the reply: keep what arrived.
        }
        catch (IOException)
        {
            return null;
        }

        return length == 0 ? null : Encoding.UTF8.GetString(buffer, 0, length).Trim();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "clamd ({Endpoint}) found {Threat}; the upload is refused")]
        public static partial void Infected(ILogger logger, string threat, string endpoint);

        [LoggerMessage(EventId = 4002, Level = LogLevel.Error, Message = "Malware scan gave no verdict, the upload is refused (fail closed): {Reason}")]
        public static partial void FailedClosed(ILogger logger, Exception? exception, string reason);

        [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Malware scan gave no verdict, the file is stored UNSCANNED (FailOpen is set): {Reason}")]
        public static partial void FailedOpen(ILogger logger, Exception? exception, string reason);
    }
}
