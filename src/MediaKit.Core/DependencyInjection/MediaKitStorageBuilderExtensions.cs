using MediaKit;
using MediaKit.Internal;
using MediaKit.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers named blob stores, chooses the store uploads go to, and runs moves between stores.</summary>
public static class MediaKitStorageBuilderExtensions
{
    /// <summary>
    /// Registers a blob store under <paramref name="name"/>, replacing a store registered before under the same name. Provider
    /// packages call it from their <c>Use…Storage(name, …)</c> methods; the store named <see cref="MediaStorageOptions.DefaultStoreName"/>
    /// is the unnamed <see cref="IMediaBlobStore"/> registration.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddMediaKit()</c>.</param>
    /// <param name="name">The store's name (see <see cref="MediaStorageOptions.IsValidStoreName"/>); it is saved in every asset's
    /// <see cref="MediaAsset.StoreName"/>, so it must not change once assets are stored.</param>
    /// <param name="factory">Creates the store, once (it is a singleton, disposed with the service provider).</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid store name.</exception>
    public static IMediaKitBuilder AddBlobStore(this IMediaKitBuilder builder, string name, Func<IServiceProvider, IMediaBlobStore> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        if (!MediaStorageOptions.IsValidStoreName(name))
        {
            throw new ArgumentException($"MediaKit: '{name}' is not a valid store name: use 1 to 64 lowercase letters, digits, '-' or '_'.", nameof(name));
        }

        var services = builder.Services;
        if (name == MediaStorageOptions.DefaultStoreName)
        {
            services.Replace(ServiceDescriptor.Singleton(factory));
            return builder;
        }

        foreach (var previous in services.Where(d => d.ServiceType == typeof(IMediaBlobStore) && d.IsKeyedService && Equals(d.ServiceKey, name)).ToList())
        {
            services.Remove(previous);
        }

        services.AddKeyedSingleton<IMediaBlobStore>(name, (sp, _) => factory(sp));
        if (!services.Any(d => d.ServiceType == typeof(MediaBlobStoreRegistration) && d.ImplementationInstance is MediaBlobStoreRegistration r && r.Name == name))
        {
            services.AddSingleton(new MediaBlobStoreRegistration(name));
        }

        return builder;
    }

    /// <summary>Writes new uploads to the store named <paramref name="name"/> (sets <see cref="MediaStorageOptions.UploadStore"/>).</summary>
    /// <param name="builder">The builder returned by <c>AddMediaKit()</c>.</param>
    /// <param name="name">A registered store's name; checked when the app starts.</param>
    /// <returns>The same builder.</returns>
    public static IMediaKitBuilder UseUploadStore(this IMediaKitBuilder builder, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(name);
        builder.Services.Configure<MediaKitOptions>(o => o.Storage.UploadStore = name);
        return builder;
    }

    /// <summary>
    /// Moves every asset from <paramref name="sourceStore"/> to <paramref name="targetStore"/> in the background: at startup and then
    /// every <see cref="MediaStorageOptions.MoveInterval"/>, so assets that still arrive on the source store follow. Every app
    /// instance may add it; assets are claimed in the database one by one. Remove it once the source store is empty.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddMediaKit()</c>.</param>
    /// <param name="sourceStore">The store to empty.</param>
    /// <param name="targetStore">The store to move to, usually also the upload store (<see cref="UseUploadStore"/>).</param>
    /// <returns>The same builder.</returns>
    public static IMediaKitBuilder AddStoreMoveService(this IMediaKitBuilder builder, string sourceStore, string targetStore)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(sourceStore);
        ArgumentNullException.ThrowIfNull(targetStore);
        builder.Services.AddSingleton<Hosting.IHostedService>(sp => ActivatorUtilities.CreateInstance<MediaStoreMover.MoveService>(sp, sourceStore, targetStore));
        return builder;
    }
}
