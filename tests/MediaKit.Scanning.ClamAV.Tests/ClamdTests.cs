using MediaKit.Scanning.ClamAV.Internal;
using MediaKit.Scanning.ClamAV.Tests.TestSupport;
using Microsoft.Extensions.Options;

namespace MediaKit.Scanning.ClamAV.Tests;

/// <summary>Against a real clamd (eng/services/clamav-start.sh) whose only signature is the EICAR test string.</summary>
[RequiresClamd]
public sealed class ClamdTests
{
    private static ClamAvScanner Scanner(Action<ClamAvScanningOptions>? configure = null)
    {
        var options = Clamd.TcpOptions();
        configure?.Invoke(options);
        return new ClamAvScanner(Options.Create(options));
    }

    [Fact]
    public async Task The_EICAR_test_file_is_found_over_TCP()
    {
        var verdict = await Scanner().ScanAsync(new MemoryStream(Eicar.Bytes), MediaContentTypes.PlainText, CancellationToken.None);

        Assert.False(verdict.IsClean);
        Assert.Contains("Eicar-Test-Signature", verdict.Threat, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_EICAR_test_file_is_found_over_the_Unix_socket()
    {
        Assert.NotNull(Clamd.Socket);
        var verdict = await Scanner(o => o.UnixSocketPath = Clamd.Socket).ScanAsync(new MemoryStream(Eicar.Bytes), MediaContentTypes.PlainText, CancellationToken.None);

        Assert.False(verdict.IsClean);
        Assert.Contains("Eicar-Test-Signature", verdict.Threat, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_clean_file_is_clean()
    {
        var bytes = new byte[300_000];
        new Random(7).NextBytes(bytes);

        var verdict = await Scanner().ScanAsync(new MemoryStream(bytes), MediaContentTypes.OctetStream, CancellationToken.None);

        Assert.True(verdict.IsClean);
        Assert.Null(verdict.Threat);
    }

    [Fact]
    public async Task EICAR_split_across_many_small_chunks_deep_in_a_file_is_still_found()
    {
        // 1 KiB chunks: the signature straddles a chunk boundary, so clamd must see one stream, not separate pieces.
        var bytes = new byte[1_000_000 + 1000 + Eicar.Bytes.Length];
        Array.Fill(bytes, (byte)'a');
        Eicar.Bytes.CopyTo(bytes, 1_000_000 + 1000);

        var verdict = await Scanner(o => o.ChunkSize = 1024).ScanAsync(new MemoryStream(bytes), MediaContentTypes.PlainText, CancellationToken.None);

        Assert.False(verdict.IsClean);
    }

    [Fact]
    public async Task A_file_over_clamds_stream_limit_is_refused_unscanned_by_default()
    {
        var bytes = new byte[Clamd.StreamMaxLength + 1_000_000];

        var error = await Assert.ThrowsAsync<MediaException>(() => Scanner().ScanAsync(new MemoryStream(bytes), MediaContentTypes.OctetStream, CancellationToken.None));

        Assert.Equal(MediaErrorCodes.ScanFailed, error.Code);
        Assert.Contains("size limit", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_infected_upload_is_rejected_and_nothing_is_stored()
    {
        await using var host = await ScanningHost.StartAsync(o => { o.Host = Clamd.Host; o.Port = Clamd.Port!.Value; });

        var error = await Assert.ThrowsAsync<MediaException>(() => host.UploadAsync("documents", "notes.txt", Eicar.Bytes));

        Assert.Equal(MediaErrorCodes.Infected, error.Code);
        Assert.Contains("Eicar-Test-Signature", error.Message, StringComparison.Ordinal);
        await host.AssertNothingStoredAsync();
    }

    [Fact]
    public async Task A_clean_upload_is_stored_after_the_scan()
    {
        await using var host = await ScanningHost.StartAsync(o => o.UnixSocketPath = Clamd.Socket);

        var asset = await host.UploadAsync("documents", "notes.txt", "nothing to see here\n"u8.ToArray());

        Assert.Equal(MediaContentTypes.PlainText, asset.ContentType);
        Assert.Equal(1, await host.RecordCountAsync());
        Assert.Single(host.AllFiles());
    }
}
