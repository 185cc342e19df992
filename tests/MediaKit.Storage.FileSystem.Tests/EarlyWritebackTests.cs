using MediaKit.Storage.FileSystem.Internal;

namespace MediaKit.Storage.FileSystem.Tests;

/// <summary>Durable writes start the disk's writeback as they go (Linux), not only at the final fsync.</summary>
public sealed class EarlyWritebackTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mediakit-writeback-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Writeback_is_started_once_per_chunk_of_written_bytes_on_Linux()
    {
        using var file = new FileStream(Path.Combine(_dir, "f"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 0);
        var writeback = new EarlyWriteback(file.SafeFileHandle);
        var chunk = new byte[1 << 20];
        long written = 0;
        for (var i = 0; i < 20; i++)
        {
            file.Write(chunk);
            written += chunk.Length;
            writeback.Written(written);
        }

        // 20 MiB written: writeback started for the first two 8 MiB chunks; the rest is left to the final fsync.
        Assert.Equal(OperatingSystem.IsLinux() ? 2 * EarlyWriteback.Chunk : 0, writeback.Started);
    }

    [Fact]
    public void On_a_handle_that_refuses_it_the_writes_go_on_and_nothing_more_is_tried()
    {
        // A pipe: sync_file_range answers ESPIPE.
        using var server = new System.IO.Pipes.AnonymousPipeServerStream(System.IO.Pipes.PipeDirection.Out);
        var writeback = new EarlyWriteback(new Microsoft.Win32.SafeHandles.SafeFileHandle(server.SafePipeHandle.DangerousGetHandle(), ownsHandle: false));

        writeback.Written(EarlyWriteback.Chunk);
        writeback.Written(3 * EarlyWriteback.Chunk);

        Assert.Equal(0, writeback.Started);
    }
}
