using Microsoft.Extensions.Options;

namespace MediaKit.Storage.FileSystem.Internal;

internal sealed class FileSystemStorageOptionsValidator : IValidateOptions<FileSystemStorageOptions>
{
    public const int MinBufferSize = 4 * 1024;
    public const int MaxBufferSize = 16 * 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, FileSystemStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.RootPath))
        {
            failures.Add("MediaKit file system storage: RootPath must be set to the folder that holds the media files, for example UseFileSystemStorage(o => o.RootPath = \"App_Data/media\").");
        }
        else if (options.RootPath.AsSpan().IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            failures.Add($"MediaKit file system storage: RootPath '{options.RootPath}' contains characters that are not allowed in a path.");
        }

        if (options.BufferSize is < MinBufferSize or > MaxBufferSize)
        {
            failures.Add($"MediaKit file system storage: BufferSize must be between {MinBufferSize} (4 KiB) and {MaxBufferSize} (16 MiB) bytes (was {options.BufferSize}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
