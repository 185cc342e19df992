using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MediaKit.Scanning.ClamAV.Tests.TestSupport;

/// <summary>
/// A tiny clamd on loopback for the paths a real clamd cannot be made to take on demand: it records what the client
/// sent (command, chunk lengths, bytes) and answers as told, or never, or hangs up.
/// </summary>
internal sealed class FakeClamd : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<Received, string?> _reply;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    /// <param name="reply">The reply to a complete stream (without the NUL), or <see langword="null"/> to never answer.</param>
    /// <param name="replyAfterBytes">When set, replies and closes as soon as this many file bytes arrived (clamd's size limit).</param>
    public FakeClamd(Func<Received, string?> reply, long? replyAfterBytes = null)
    {
        _reply = reply;
        ReplyAfterBytes = replyAfterBytes;
        _listener.Start();
        _loop = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public long? ReplyAfterBytes { get; }

    public List<Received> Requests { get; } = [];

    public ClamAvScanningOptions Options(Action<ClamAvScanningOptions>? configure = null)
    {
        var options = new ClamAvScanningOptions { Host = "127.0.0.1", Port = Port };
        configure?.Invoke(options);
        return options;
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        using var _ = client;
        await using var stream = new NetworkStream(client, ownsSocket: false);
        var received = new Received();
        lock (Requests)
        {
            Requests.Add(received);
        }

        try
        {
            var command = new List<byte>();
            var one = new byte[1];
            while (await stream.ReadAsync(one, _stop.Token) == 1 && one[0] != 0)
            {
                command.Add(one[0]);
            }

            received.Command = Encoding.ASCII.GetString([.. command]);
            var lengthBytes = new byte[4];
            while (true)
            {
                await stream.ReadExactlyAsync(lengthBytes, _stop.Token);
                var length = (int)BinaryPrimitives.ReadUInt32BigEndian(lengthBytes);
                received.ChunkLengths.Add(length);
                if (length == 0)
                {
                    received.Complete = true;
                    break;
                }

                var chunk = new byte[length];
                await stream.ReadExactlyAsync(chunk, _stop.Token);
                received.Content.Write(chunk);
                if (ReplyAfterBytes is { } limit && received.Content.Length > limit)
                {
                    // As clamd does at StreamMaxLength: say why, then hang up mid-stream.
                    await stream.WriteAsync(Encoding.ASCII.GetBytes((_reply(received) ?? "") + "\0"), _stop.Token);
                    return;
                }
            }

            if (_reply(received) is { } reply)
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes(reply + "\0"), _stop.Token);
            }
            else
            {
                await Task.Delay(Timeout.Infinite, _stop.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or EndOfStreamException)
        {
            // The client gave up or the test ended.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }

    public sealed class Received
    {
        public string Command { get; set; } = "";

        public List<int> ChunkLengths { get; } = [];

        public MemoryStream Content { get; } = new();

        public bool Complete { get; set; }
    }
}
