using MediaKit;
using MediaKit.Storage;
using MediaKit.Storage.FileSystem;
using MediaKit.Storage.FileSystem.Internal;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Chooses the local disk as MediaKit's blob store.</summary>
public static class MediaKitFileSystemBuilderExtensions
{
    /// <summary>
    /// Stores blobs in a folder on the local disk, replacing any blob store chosen before. The options are validated
    /// when the app starts: a missing <see cref="FileSystemStorageOptions.RootPath"/> or a
    /// <see cref="FileSystemStorageOptions.BufferSize"/> out of range fails startup.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddMediaKit()</c>.</param>
    /// <param name="configure">Sets <see cref="FileSystemStorageOptions.RootPath"/> and, optionally, the other options.</param>
    /// <returns>The same builder, to chain further choices.</returns>
    public static IMediaKitBuilder UseFileSystemStorage(this IMediaKitBuilder builder, Action<FileSystemStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services
            .AddOptionsWithValidateOnStart<FileSystemStorageOptions, FileSystemStorageOptionsValidator>()
            .Configure(configure);
        builder.Services.Replace(ServiceDescriptor.Singleton<IMediaBlobStore, FileSystemBlobStore>());
        return builder;
    }
}
