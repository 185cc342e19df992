using System.Runtime.InteropServices;

namespace MediaKit.Storage.FileSystem.Internal;

/// <summary>Moves a file to a name only if nothing has that name yet, as one atomic step.</summary>
/// <remarks>
/// <see cref="File.Move(string, string, bool)"/> without overwrite is atomic on Windows, but on Unix it checks that the
/// target is missing and then renames, and rename replaces: two create-only writers of one key can both pass the check
/// and the second silently replaces the first. <c>link(2)</c> fails with <c>EEXIST</c> instead, atomically.
/// </remarks>
internal static partial class CreateOnlyMove
{
    // The same value on Linux, macOS and the BSDs.
    private const int EExist = 17;

    // Cleared when this platform has no usable link(2), so the fallback is not retried through an exception every time.
    private static volatile bool _linkAvailable = !OperatingSystem.IsWindows();

    /// <returns><see langword="false"/> when <paramref name="destination"/> already exists.</returns>
    public static bool TryMove(string source, string destination)
    {
        if (_linkAvailable)
        {
            int result;
            try
            {
                result = Link(source, destination);
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
            {
                _linkAvailable = false;
                return MoveWithoutOverwrite(source, destination);
            }

            if (result == 0)
            {
                // The blob is in place; a leftover source name is only a second name for the same bytes, removed with the other abandoned writes.
                try
                {
                    File.Delete(source);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                }

                return true;
            }

            if (Marshal.GetLastPInvokeError() == EExist)
            {
                return false;
            }

            // Other failures (a file system without hard links, a missing folder, no permission) are left to the
            // runtime's move, which reports them with the right exception.
        }

        return MoveWithoutOverwrite(source, destination);
    }

    private static bool MoveWithoutOverwrite(string source, string destination)
    {
        try
        {
            File.Move(source, destination, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(destination))
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Link(string existingPath, string newPath);
}
