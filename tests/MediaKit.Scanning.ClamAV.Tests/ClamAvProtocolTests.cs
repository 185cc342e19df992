using MediaKit.Testing;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MediaKit.Scanning.ClamAV.Internal;
using MediaKit.Scanning.ClamAV.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MediaKit.Scanning.ClamAV.Tests;

/// <summary>The INSTREAM protocol and its failure paths, against a fake clamd that does what each test needs.</summary>
public sealed class ClamAvProtocolTests
{
    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return bytes;
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task The_file_is_sent_as_zINSTREAM_in_big_endian_length_prefixed_chunks_no_larger_than_the_chunk_size_then_a_zero_length()
    {
        await using var clamd = new FakeClamd(_ => "stream: OK");
        var bytes = RandomBytes(10_000);
        var scanner = new ClamAvScanner(Options.Create(clamd.Options(o => o.ChunkSize = 4096)));

        var verdict = await scanner.ScanAsync(new TrickleStream(bytes), MediaContentTypes.OctetStream, CancellationToken.None);

        Assert.True(verdict.IsClean);
        var request = Assert.Single(clamd.Requests);
        Assert.Equal("zINSTREAM", request.Command);
        Assert.Equal([4096, 4096, 1808, 0], request.ChunkLengths);
        Assert.True(request.Complete);
        Assert.Equal(bytes, request.Content.ToArray());
    }

    [Fact]
    public async Task A_FOUND_reply_is_an_infected_verdict_naming_the_threat()
    {
        await using var clamd = new FakeClamd(_ => "stream: Win.Test.Something-1 FOUND");
        var scanner = new ClamAvScanner(Options.Create(clamd.Options()));

        var verdict = await scanner.ScanAsync(new MemoryStream(RandomBytes(100)), MediaContentTypes.OctetStream, CancellationToken.None);

        Assert.False(verdict.IsClean);
        Assert.Equal("Win.Test.Something-1", verdict.Threat);
    }

    [Fact]
    public async Task An_unreachable_scanner_fails_closed_with_a_typed_error()
    {
        var scanner = new ClamAvScanner(Options.Create(new ClamAvScanningOptions { Port = UnusedPort() }));

        var error = await Assert.ThrowsAsync<MediaException>(() => scanner.ScanAsync(new MemoryStream(RandomBytes(100)), MediaContentTypes.OctetStream, CancellationToken.None));

        Assert.Equal(MediaErrorCodes.ScanUnavailable, error.Code);
        Assert.IsType<SocketException>(error.InnerException);
    }

    [Fact]
    public async Task A_missing_Unix_socket_fails_closed_with_a_typed_error()
    {
        var scanner = new ClamAvScanner(Options.Create(new ClamAvScanningOptions { UnixSocketPath = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".sock") }));

        var error = await Assert.ThrowsAsync<MediaException>(() => scanner.ScanAsync(new MemoryStream(RandomBytes(100)), MediaContentTypes.OctetStream, CancellationToken.None));

        Assert.Equal(MediaErrorCodes.ScanUnavailable, error.Code);
    }

    [Fact]
    public async Task An_unreachable_scanner_configured_to_fail_open_lets_the_file_through_with_a_warning()
    {
        var logger = new ListLogger<ClamAvScanner>();
        var scanner = new ClamAvScanner(Options.Create(new ClamAvScanningOptions { Port = UnusedPort(), FailOpen = true }), logger);

        var verdict = await scanner.ScanAsync(new MemoryStream(RandomBytes(100)), MediaContentTypes.OctetStream, CancellationToken.None);

        Assert.True(verdict.IsClean);
        var warning = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal(4003, warning.EventId.Id);
        Assert.Contains("UNSCANNED", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scanner_that_never_answers_times_out_and_fails_closed()
    {
        await using var clamd = new FakeClamd(_ => null);
        var scanner = new ClamAvScanner(Options.Create(clamd.Options(o => o.ScanTimeout = TimeSpan.FromMilliseconds(500))));
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<MediaException>(() => scanner.ScanAsync(new MemoryStream(RandomBytes(100)), MediaContentTypes.OctetStream, CancellationToken.None));

        Assert.Equal(MediaErrorCodes.ScanUnavailable, error.Code);
        Assert.Contains("did not answer", error.Message, StringComparison.Ordinal);
        // Generous: only shows that the timeout, not the test runner, ended the wait.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task The_size_limit_error_clamd_sends_before_hanging_up_is_reported_instead_of_the_broken_pipe()
    {
        await using var clamd = new FakeClamd(_ => "INSTREAM size limit exceeded. ERROR", replyAfterBytes: 64 * 1024);
        var scanner = new ClamAvScanner(Options.Create(clamd.Options()));

        var error = await Assert.ThrowsAsync<MediaException>(() => scanner.ScanAsync(new MemoryStream(RandomBytes(5_000_000)), MediaContentTypes.OctetStream, CancellationToken.None));

        Assert.Equal(MediaErrorCodes.ScanFailed, error.Code);
        Assert.Contains("INSTREAM size limit exceeded", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_callers_cancellation_is_a_cancellation_not_an_unavailable_scanner()
    {
        await using var clamd = new FakeClamd(_ => null);
        var scanner = new ClamAvScanner(Options.Create(clamd.Options(o => o.FailOpen = true)));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => scanner.ScanAsync(new MemoryStream(RandomBytes(100)), MediaContentTypes.OctetStream, cancel.Token));
    }

    [Fact]
    public async Task An_infected_verdict_rejects_the_upload_and_nothing_is_stored()
    {
        await using var clamd = new FakeClamd(_ => "stream: Eicar-Test-Signature FOUND");
        await using var host = await ScanningHost.StartAsync(o => { o.Host = "127.0.0.1"; o.Port = clamd.Port; });

        var error = await Assert.ThrowsAsync<MediaException>(() => host.UploadAsync("documents", "notes.txt", "hello\n"u8.ToArray()));

        Assert.Equal(MediaErrorCodes.Infected, error.Code);
        await host.AssertNothingStoredAsync();
    }

    [Fact]
    public async Task An_unreachable_scanner_rejects_the_upload_and_nothing_is_stored()
    {
        await using var host = await ScanningHost.StartAsync(o => { o.Host = "127.0.0.1"; o.Port = UnusedPort(); });

        var error = await Assert.ThrowsAsync<MediaException>(() => host.UploadAsync("documents", "notes.txt", "hello\n"u8.ToArray()));

        Assert.Equal(MediaErrorCodes.ScanUnavailable, error.Code);
        await host.AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Failing_open_stores_the_upload_when_the_scanner_is_unreachable()
    {
        await using var host = await ScanningHost.StartAsync(o => { o.Host = "127.0.0.1"; o.Port = UnusedPort(); o.FailOpen = true; });

        await host.UploadAsync("documents", "notes.txt", "hello\n"u8.ToArray());

        Assert.Equal(1, await host.RecordCountAsync());
    }

    [Theory]
    [InlineData("port")]
    [InlineData("chunk")]
    [InlineData("timeout")]
    [InlineData("socket")]
    public async Task Bad_settings_fail_at_startup_naming_the_setting(string what)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var host = await ScanningHost.StartAsync(o =>
            {
                switch (what)
                {
                    case "port": o.Port = 0; break;
                    case "chunk": o.ChunkSize = 10; break;
                    case "timeout": o.ScanTimeout = TimeSpan.Zero; break;
                    default: o.UnixSocketPath = " "; break;
                }
            });
            _ = host.Services.GetRequiredService<IOptions<ClamAvScanningOptions>>().Value;
        });

        Assert.Contains("ClamAvScanningOptions.", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Returns at most 1000 bytes per read, as a network stream does: chunks are still filled.</summary>
    private sealed class TrickleStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            => base.ReadAsync(buffer[..Math.Min(buffer.Length, 1000)], cancellationToken);
    }
}
