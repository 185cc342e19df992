using MediaKit.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MediaKit.Internal;

/// <summary>A named store's registration: the store itself is a keyed <see cref="IMediaBlobStore"/> singleton under the name.</summary>
internal sealed record MediaBlobStoreRegistration(string Name);

/// <summary>
/// The default store is the unkeyed <see cref="IMediaBlobStore"/> (so hosts and tests that register or decorate it as before keep
/// working); every other store is a keyed singleton.
/// </summary>
internal sealed class MediaBlobStores : IMediaBlobStores
{
    private readonly IServiceProvider _services;

    public MediaBlobStores(IServiceProvider services, IEnumerable<MediaBlobStoreRegistration> registrations, IOptions<MediaKitOptions> options)
    {
        _services = services;
        var names = new List<string>();
        if (services.GetService<IServiceProviderIsService>()?.IsService(typeof(IMediaBlobStore)) == true)
        {
            names.Add(MediaStorageOptions.DefaultStoreName);
        }

        names.AddRange(registrations.Select(r => r.Name).Where(n => n != MediaStorageOptions.DefaultStoreName).Distinct(StringComparer.Ordinal));
        Names = names;
        UploadStore = options.Value.Storage.UploadStore;
    }

    public IReadOnlyList<string> Names { get; }

    public string UploadStore { get; }

    public IMediaBlobStore Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var store = name == MediaStorageOptions.DefaultStoreName
            ? _services.GetService<IMediaBlobStore>()
            : _services.GetKeyedService<IMediaBlobStore>(name);
        return store ?? throw new MediaException(
            MediaErrorCodes.StoreNotConfigured,
            $"No blob store named '{name}' is registered; the registered stores are: {string.Join(", ", Names)}.");
    }
}
