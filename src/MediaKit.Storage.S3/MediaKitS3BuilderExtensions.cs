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
            if (services.GetRequiredService<Microsoft.Extensions.Options.IOptions<S3StorageOptions>>().Value.PresignedUrls
                && services.GetRequiredService<IMediaBlobStore>() is S3BlobStore store)
            {
                return new S3PresignedUrlSigner(store);
            }

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
