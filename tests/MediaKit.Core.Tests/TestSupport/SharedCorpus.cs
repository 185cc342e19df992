namespace MediaKit.Core.Tests.TestSupport;

/// <summary>Finds the shared conformance corpus (PngSuite, EXIF orientation samples) next to the repository.</summary>
internal static class SharedCorpus
{
    private const string FixedLocation = "/work/shared/corpus";

    /// <summary>The corpus folder, or <see langword="null"/> when it is not on this machine.</summary>
    public static string? Root { get; } = Locate();

    public static string SkipReason { get; } =
        $"…/shared/corpus not found (searched above {AppContext.BaseDirectory} and at {FixedLocation}): conformance tests need the shared corpus";

    /// <summary>The names of the files in a corpus folder that match <paramref name="searchPattern"/>, or none when the corpus is absent.</summary>
    public static IEnumerable<string> FileNames(string folder, string searchPattern)
    {
        if (Root is null)
        {
            return [];
        }

        var directory = Path.Combine(Root, folder);
        return Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, searchPattern).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)
            : [];
    }

    /// <summary>The first bytes of a corpus file, as many as the sniffer looks at.</summary>
    public static byte[] ReadHeader(string folder, string fileName)
    {
        var path = Path.Combine(Root ?? throw new InvalidOperationException(SkipReason), folder, fileName);
        using var file = File.OpenRead(path);
        var header = new byte[MediaKit.Internal.ContentSniffer.HeaderLength];
        var length = file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        return header[..length];
    }

    private static string? Locate()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "corpus");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return Directory.Exists(FixedLocation) ? FixedLocation : null;
    }
}

/// <summary>A fact that is skipped, with a clear reason, when the shared corpus is absent.</summary>
public sealed class CorpusFactAttribute : FactAttribute
{
    public CorpusFactAttribute()
    {
        if (SharedCorpus.Root is null)
        {
            Skip = SharedCorpus.SkipReason;
        }
    }
}

/// <summary>A theory that is skipped, with a clear reason, when the shared corpus is absent.</summary>
public sealed class CorpusTheoryAttribute : TheoryAttribute
{
    public CorpusTheoryAttribute()
    {
        if (SharedCorpus.Root is null)
        {
            Skip = SharedCorpus.SkipReason;
        }
    }
}
