namespace MediaKit.Internal;

/// <summary>
/// Confines local import paths to the allowed roots. A path is resolved the way the operating system would open it —
/// component by component, following every symbolic link and applying <c>..</c> to the directory it is really in — and
/// the result must be inside the resolved form of a root. The file is then opened by that resolved path, which contains
/// no links at the time of the check.
/// </summary>
internal static class ImportPaths
{
    private const int MaxLinks = 40;

    private static readonly char[] s_separators = [Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar];

    private static StringComparison PathComparison => OperatingSystem.IsWindows() || OperatingSystem.IsMacOS()
        ? StringComparison.OrdinalIgnoreCase
        : StringComparison.Ordinal;

    /// <summary>Returns the real path of <paramref name="path"/> when it is a regular file inside one of <paramref name="roots"/>.</summary>
    /// <exception cref="MediaException"><see cref="MediaErrorCodes.ImportForbiddenPath"/> when it is outside every root (or no root is configured),
    /// <see cref="MediaErrorCodes.ImportFetchFailed"/> when it is inside but not an existing regular file.</exception>
    public static string Resolve(string path, IEnumerable<string> roots)
    {
        string real;
        var inside = false;
        try
        {
            real = RealPath(path);
            foreach (var root in roots)
            {
                // A root that is not a fully qualified path is a configuration mistake; it allows nothing.
                if (!string.IsNullOrWhiteSpace(root) && Path.IsPathFullyQualified(root) && IsInside(real, RealPath(root)))
                {
                    inside = true;
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new MediaException(MediaErrorCodes.ImportForbiddenPath, $"The path {path} cannot be resolved: {ex.Message}", ex);
        }

        if (!inside)
        {
            throw new MediaException(MediaErrorCodes.ImportForbiddenPath, $"The path {path} is not inside a directory that imports may read (MediaImportOptions.AllowedRoots).");
        }

        if (!File.Exists(real) || File.GetAttributes(real).HasFlag(FileAttributes.Directory))
        {
            throw new MediaException(MediaErrorCodes.ImportFetchFailed, $"The file {path} does not exist.");
        }

        return real;
    }

    private static bool IsInside(string real, string realRoot)
    {
        realRoot = Path.TrimEndingDirectorySeparator(realRoot);
        return real.Length > realRoot.Length
            && real.StartsWith(realRoot, PathComparison)
            && (s_separators.Contains(real[realRoot.Length]) || realRoot.EndsWith(Path.DirectorySeparatorChar));
    }

    /// <summary>Resolves every symbolic link and <c>..</c> of a fully qualified path, in the order the operating system would.</summary>
    internal static string RealPath(string path)
    {
        if (!Path.IsPathFullyQualified(path))
        {
            throw new ArgumentException($"'{path}' is not a fully qualified path.", nameof(path));
        }

        var current = Path.GetPathRoot(path)!;
        // Components still to walk, the next one on top.
        var pending = new Stack<string>(Split(path[current.Length..]).Reverse());
        var links = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                // current never contains a link, so its parent is the real parent.
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            var next = Path.Combine(current, part);
            var target = new FileInfo(next).LinkTarget;
            if (target is null)
            {
                current = next;
                continue;
            }

            if (++links > MaxLinks)
            {
                throw new IOException($"Too many symbolic links in '{path}'.");
            }

            if (Path.IsPathFullyQualified(target))
            {
                current = Path.GetPathRoot(target)!;
                target = target[current.Length..];
            }

            foreach (var component in Split(target).Reverse())
            {
                pending.Push(component);
            }
        }

        return current;
    }

    private static IEnumerable<string> Split(string path) => path.Split(s_separators, StringSplitOptions.RemoveEmptyEntries);
}
