using MediaKit.Internal;

namespace MediaKit.Core.Tests.Import;

/// <summary>Local import paths stay inside the allowed roots, whatever <c>..</c> and symbolic links say.</summary>
public sealed class ImportPathsTests : IDisposable
{
    private readonly string _base = Path.Combine(Path.GetTempPath(), "mediakit-paths-" + Guid.NewGuid().ToString("N"));

    public ImportPathsTests()
    {
        Directory.CreateDirectory(Path.Combine(_base, "root", "sub"));
        Directory.CreateDirectory(Path.Combine(_base, "outside"));
        Directory.CreateDirectory(Path.Combine(_base, "root-sibling"));
        File.WriteAllText(Path.Combine(_base, "root", "sub", "a.png"), "a");
        File.WriteAllText(Path.Combine(_base, "outside", "secret.png"), "s");
        File.WriteAllText(Path.Combine(_base, "root-sibling", "b.png"), "b");
    }

    private string Root => Path.Combine(_base, "root");

    [Fact]
    public void A_file_inside_the_root_resolves_to_itself()
        => Assert.Equal(Path.Combine(Root, "sub", "a.png"), ImportPaths.Resolve(Path.Combine(Root, "sub", "a.png"), [Root]));

    [Fact]
    public void Dot_dot_that_stays_inside_the_root_is_allowed()
        => Assert.Equal(Path.Combine(Root, "sub", "a.png"), ImportPaths.Resolve(Root + "/sub/../sub/./a.png", [Root]));

    [Theory]
    [InlineData("/../outside/secret.png")]
    [InlineData("/sub/../../outside/secret.png")]
    [InlineData("-sibling/b.png")]
    public void A_path_that_leaves_the_root_is_forbidden(string suffix)
    {
        var error = Assert.Throws<MediaException>(() => ImportPaths.Resolve(Root + suffix, [Root]));
        Assert.Equal(MediaErrorCodes.ImportForbiddenPath, error.Code);
    }

    [Fact]
    public void Without_roots_nothing_is_allowed()
        => Assert.Equal(MediaErrorCodes.ImportForbiddenPath, Assert.Throws<MediaException>(() => ImportPaths.Resolve(Path.Combine(Root, "sub", "a.png"), [])).Code);

    [Fact]
    public void A_relative_root_allows_nothing()
        => Assert.Equal(MediaErrorCodes.ImportForbiddenPath, Assert.Throws<MediaException>(() => ImportPaths.Resolve(Path.Combine(Root, "sub", "a.png"), ["."])).Code);

    [Fact]
    public void A_missing_file_inside_the_root_is_a_fetch_failure_and_a_directory_too()
    {
        Assert.Equal(MediaErrorCodes.ImportFetchFailed, Assert.Throws<MediaException>(() => ImportPaths.Resolve(Path.Combine(Root, "nope.png"), [Root])).Code);
        Assert.Equal(MediaErrorCodes.ImportFetchFailed, Assert.Throws<MediaException>(() => ImportPaths.Resolve(Path.Combine(Root, "sub"), [Root])).Code);
    }

    [Fact]
    public void A_file_link_that_points_out_of_the_root_is_forbidden()
    {
        var link = Path.Combine(Root, "sub", "innocent.png");
        File.CreateSymbolicLink(link, Path.Combine(_base, "outside", "secret.png"));

        Assert.Equal(MediaErrorCodes.ImportForbiddenPath, Assert.Throws<MediaException>(() => ImportPaths.Resolve(link, [Root])).Code);
    }

    [Fact]
    public void A_directory_link_that_points_out_of_the_root_is_forbidden()
    {
        Directory.CreateSymbolicLink(Path.Combine(Root, "escape"), Path.Combine(_base, "outside"));

        Assert.Equal(MediaErrorCodes.ImportForbiddenPath, Assert.Throws<MediaException>(() => ImportPaths.Resolve(Path.Combine(Root, "escape", "secret.png"), [Root])).Code);
    }

    [Fact]
    public void Dot_dot_after_a_directory_link_is_applied_where_the_link_points_as_the_operating_system_does()
    {
        // root/deep -> outside/nested; "root/deep/../secret.png" is outside/secret.png to the kernel, root/secret.png lexically.
        Directory.CreateDirectory(Path.Combine(_base, "outside", "nested"));
        Directory.CreateSymbolicLink(Path.Combine(Root, "deep"), Path.Combine(_base, "outside", "nested"));
        File.WriteAllText(Path.Combine(Root, "secret.png"), "decoy");

        Assert.Equal(Path.Combine(_base, "outside", "secret.png"), ImportPaths.RealPath(Root + "/deep/../secret.png"));
        Assert.Equal(MediaErrorCodes.ImportForbiddenPath, Assert.Throws<MediaException>(() => ImportPaths.Resolve(Root + "/deep/../secret.png", [Root])).Code);
    }

    [Fact]
    public void A_relative_link_that_stays_inside_the_root_is_followed()
    {
        var link = Path.Combine(Root, "alias.png");
        File.CreateSymbolicLink(link, "sub/a.png");

        Assert.Equal(Path.Combine(Root, "sub", "a.png"), ImportPaths.Resolve(link, [Root]));
    }

    [Fact]
    public void A_root_that_is_itself_a_link_is_compared_by_where_it_points()
    {
        var linkedRoot = Path.Combine(_base, "linked-root");
        Directory.CreateSymbolicLink(linkedRoot, Root);

        Assert.Equal(Path.Combine(Root, "sub", "a.png"), ImportPaths.Resolve(Path.Combine(linkedRoot, "sub", "a.png"), [linkedRoot]));
        Assert.Equal(Path.Combine(Root, "sub", "a.png"), ImportPaths.Resolve(Path.Combine(Root, "sub", "a.png"), [linkedRoot]));
    }

    [Fact]
    public void A_link_loop_is_refused_instead_of_followed_forever()
    {
        File.CreateSymbolicLink(Path.Combine(Root, "loop1"), Path.Combine(Root, "loop2"));
        File.CreateSymbolicLink(Path.Combine(Root, "loop2"), Path.Combine(Root, "loop1"));

        Assert.Equal(MediaErrorCodes.ImportForbiddenPath, Assert.Throws<MediaException>(() => ImportPaths.Resolve(Path.Combine(Root, "loop1"), [Root])).Code);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_base, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
