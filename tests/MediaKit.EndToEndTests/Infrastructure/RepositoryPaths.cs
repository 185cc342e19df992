namespace MediaKit.EndToEndTests.Infrastructure;

/// <summary>
/// Where things are in the repository, found from the running assembly: the root is the first folder above it that holds
/// <c>MediaKit.sln</c>, and the sample is taken from the same build configuration (<c>bin/Release</c> or <c>bin/Debug</c>).
/// Shared with benchmarks/picker, which links this file.
/// </summary>
internal static class RepositoryPaths
{
    /// <summary>The repository's root folder.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration of the running assembly: the folder name above <c>net10.0</c>.</summary>
    public static string Configuration { get; } =
        Path.GetFileName(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory))) is { Length: > 0 } name ? name : "Release";

    /// <summary>
    /// The built sample app (<c>MediaKit.Samples.Store.dll</c>) of the same configuration, or the file named by
    /// <c>MEDIAKIT_SAMPLE_DLL</c>.
    /// </summary>
    public static string SampleAssembly { get; } =
        Environment.GetEnvironmentVariable("MEDIAKIT_SAMPLE_DLL") is { Length: > 0 } path
            ? Path.GetFullPath(path)
            : Path.Combine(Root, "samples", "MediaKit.Samples.Store", "bin", Configuration, Path.GetFileName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)), "MediaKit.Samples.Store.dll");

    /// <summary>A folder under <c>artifacts/</c>, created when missing.</summary>
    public static string Artifacts(string folder)
    {
        var path = Path.Combine(Root, "artifacts", folder);
        Directory.CreateDirectory(path);
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MediaKit.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No MediaKit.sln above '{AppContext.BaseDirectory}': run the browser tests from the repository's build output.");
    }
}
