using MediaKit.Storage.FileSystem.Internal;
using MediaKit.Storage.FileSystem.Tests.TestSupport;

namespace MediaKit.Storage.FileSystem.Tests;

public sealed class CreateOnlyMoveTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_move_to_a_free_name_moves_the_file()
    {
        var source = _folder.Combine("source");
        File.WriteAllText(source, "bytes");

        Assert.True(CreateOnlyMove.TryMove(source, _folder.Combine("target")));

        Assert.False(File.Exists(source));
        Assert.Equal("bytes", File.ReadAllText(_folder.Combine("target")));
    }

    [Fact]
    public void A_move_to_a_taken_name_changes_nothing()
    {
        var source = _folder.Combine("source");
        File.WriteAllText(source, "new");
        File.WriteAllText(_folder.Combine("target"), "old");

        Assert.False(CreateOnlyMove.TryMove(source, _folder.Combine("target")));

        Assert.True(File.Exists(source));
        Assert.Equal("old", File.ReadAllText(_folder.Combine("target")));
    }

    [Fact]
    public void A_move_into_a_missing_folder_throws_DirectoryNotFoundException()
    {
        var source = _folder.Combine("source");
        File.WriteAllText(source, "bytes");

        Assert.Throws<DirectoryNotFoundException>(() => CreateOnlyMove.TryMove(source, _folder.Combine("missing", "target")));
    }

    [Fact]
    public void Racing_moves_to_one_name_have_exactly_one_winner()
    {
        // File.Move(overwrite: false) checks, then renames: on Linux a few percent of such rounds have two winners.
        const int Racers = 4;
        var target = _folder.Combine("target");
        for (var round = 0; round < 300; round++)
        {
            File.Delete(target);
            var sources = Enumerable.Range(0, Racers).Select(i => _folder.Combine($"source-{i}")).ToArray();
            foreach (var source in sources)
            {
                File.WriteAllText(source, source);
            }

            var wins = 0;
            using var barrier = new Barrier(Racers);
            var threads = sources.Select(source => new Thread(() =>
            {
                barrier.SignalAndWait();
                if (CreateOnlyMove.TryMove(source, target))
                {
                    Interlocked.Increment(ref wins);
                }
                else
                {
                    File.Delete(source);
                }
            })).ToArray();
            foreach (var thread in threads)
            {
                thread.Start();
            }

            foreach (var thread in threads)
            {
                thread.Join();
            }

            Assert.Equal(1, wins);
            Assert.DoesNotContain(sources, File.Exists);
        }
    }
}
