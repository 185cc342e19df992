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

    /// <summary>
    /// Registers a folder on the local disk as the blob store named <paramref name="name"/>, next to other stores (for example
    /// while moving files to S3 with <c>IMediaStoreMover</c>). Assets record the name, so it must not change once files are
    /// stored. The name <c>default</c> is the store <see cref="UseFileSystemStorage(IMediaKitBuilder, Action{FileSystemStorageOptions})"/>
    /// registers. The options are validated when the app starts, per name.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddMediaKit()</c>.</param>
    /// <param name="name">The store's name: 1 to 64 lowercase letters, digits, <c>-</c> or <c>_</c>.</param>
    /// <param name="configure">Sets <see cref="FileSystemStorageOptions.RootPath"/> and, optionally, the other options.</param>
    /// <returns>The same builder, to chain further choices.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid store name.</exception>
    public static IMediaKitBuilder UseFileSystemStorage(this IMediaKitBuilder builder, string name, Action<FileSystemStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(configure);
        if (name == MediaStorageOptions.DefaultStoreName)
        {
            return builder.UseFileSystemStorage(configure);
        }

        builder.AddBlobStore(name, sp => new FileSystemBlobStore(
            Microsoft.Extensions.Options.Options.Create(sp.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<FileSystemStorageOptions>>().Get(name)),
            sp.GetService<Microsoft.Extensions.Logging.ILogger<FileSystemBlobStore>>(),
            sp.GetService<Microsoft.Extensions.Hosting.IHostEnvironment>()));
        builder.Services
            .AddOptionsWithValidateOnStart<FileSystemStorageOptions, FileSystemStorageOptionsValidator>(name)
            .Configure(configure);
        return builder;
    }
}
