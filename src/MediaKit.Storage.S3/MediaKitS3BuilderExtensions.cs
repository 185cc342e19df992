using MediaKit;
using MediaKit.Storage;
using MediaKit.Storage.S3;
using MediaKit.Storage.S3.Internal;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Chooses Amazon S3, or an S3-compatible store, as MediaKit's blob store.</summary>
public static class MediaKitS3BuilderExtensions
{
    /// <summary>
    /// Stores blobs in an S3 bucket, replacing any blob store chosen before. The options are validated when the app
    /// starts: a missing <see cref="S3StorageOptions.BucketName"/>, half a key pair, or a part size out of range fails
    /// startup.
    /// </summary>
    /// <remarks>
    /// <para>An <c>Amazon.S3.IAmazonS3</c> registered by the host (for example with <c>AddAWSService&lt;IAmazonS3&gt;()</c>) is
    /// used when there is one; otherwise MediaKit builds a client from <see cref="S3StorageOptions"/> and disposes it with
    /// the service provider.</para>
    /// <para>With <see cref="S3StorageOptions.PresignedUrls"/> set, <see cref="IMediaUrlSigner"/> makes presigned S3 GET URLs for
    /// private files; otherwise the signer registered before (by default the app's HMAC-signed delivery URL) stays in use.</para>
    /// </remarks>
    /// <param name="builder">The builder returned by <c>AddMediaKit()</c>.</param>
    /// <param name="configure">Sets <see cref="S3StorageOptions.BucketName"/> and, optionally, the other options.</param>
    /// <returns>The same builder, to chain further choices.</returns>
    public static IMediaKitBuilder UseS3Storage(this IMediaKitBuilder builder, Action<S3StorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services
            .AddOptionsWithValidateOnStart<S3StorageOptions, S3StorageOptionsValidator>()
            .Configure(configure);
        builder.Services.Replace(ServiceDescriptor.Singleton<IMediaBlobStore, S3BlobStore>());
        ChooseUrlSigner(builder.Services);
        return builder;
    }

    /// <summary>
    /// Registers an S3 bucket (or a key prefix in one) as the blob store named <paramref name="name"/>, next to other stores (for
    /// example as the target of a move from local disk with <c>IMediaStoreMover</c>). Assets record the name, so it must not change
    /// once files are stored. The name <c>default</c> is the store <see cref="UseS3Storage(IMediaKitBuilder, Action{S3StorageOptions})"/>
    /// registers. The options are validated when the app starts, per name.
    /// </summary>
    /// <remarks>
    /// An <c>Amazon.S3.IAmazonS3</c> registered by the host is used when there is one, as for the unnamed store. With
    /// <see cref="S3StorageOptions.PresignedUrls"/> set for this store, private files of assets on it get presigned S3 GET URLs;
    /// assets on other stores keep the signer registered before.
    /// </remarks>
    /// <param name="builder">The builder returned by <c>AddMediaKit()</c>.</param>
    /// <param name="name">The store's name: 1 to 64 lowercase letters, digits, <c>-</c> or <c>_</c>.</param>
    /// <param name="configure">Sets <see cref="S3StorageOptions.BucketName"/> and, optionally, the other options.</param>
    /// <returns>The same builder, to chain further choices.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid store name.</exception>
    public static IMediaKitBuilder UseS3Storage(this IMediaKitBuilder builder, string name, Action<S3StorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(configure);
        if (name == MediaStorageOptions.DefaultStoreName)
        {
            return builder.UseS3Storage(configure);
        }

        builder.AddBlobStore(name, sp => new S3BlobStore(
            Microsoft.Extensions.Options.Options.Create(sp.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<S3StorageOptions>>().Get(name)),
            sp.GetService<Microsoft.Extensions.Logging.ILogger<S3BlobStore>>(),
            sp.GetService<Amazon.S3.IAmazonS3>(),
            sp.GetService<TimeProvider>()));
        builder.Services
            .AddOptionsWithValidateOnStart<S3StorageOptions, S3StorageOptionsValidator>(name)
            .Configure(configure);
        ChooseUrlSigner(builder.Services);
        return builder;
    }

    /// <summary>Puts the presigned signer in front of the signer chosen before, which it hands over to when presigning is off.</summary>
    private static void ChooseUrlSigner(IServiceCollection services)
    {
        var previous = services.LastOrDefault(d => d.ServiceType == typeof(IMediaUrlSigner));
        if (previous?.ImplementationFactory?.Target is S3SignerChoice)
        {
            return;
        }

        var choice = new S3SignerChoice(previous);
        services.Replace(ServiceDescriptor.Singleton<IMediaUrlSigner>(choice.Create));
    }

    private sealed class S3SignerChoice(ServiceDescriptor? previous)
    {
        public IMediaUrlSigner Create(IServiceProvider services)
        {
            var fallback = CreatePrevious(services);
            return new S3StoreUrlSigner(services.GetRequiredService<IMediaBlobStores>(), services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<S3StorageOptions>>(), fallback);
        }

        private IMediaUrlSigner CreatePrevious(IServiceProvider services)
        {
            return previous switch
            {
                { ImplementationInstance: IMediaUrlSigner instance } => instance,
                { ImplementationFactory: { } factory } => (IMediaUrlSigner)factory(services),
                { ImplementationType: { } type } => (IMediaUrlSigner)ActivatorUtilities.CreateInstance(services, type),
                _ => throw new InvalidOperationException("No IMediaUrlSigner is registered: call AddMediaKit() before UseS3Storage()."),
            };
        }
    }
}
