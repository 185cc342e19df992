namespace MediaKit.Storage;

/// <summary>The configured blob stores, by name (see <see cref="MediaStorageOptions"/>). A singleton.</summary>
public interface IMediaBlobStores
{
    /// <summary>The names of every registered store, <see cref="MediaStorageOptions.DefaultStoreName"/> first when it is registered.</summary>
    IReadOnlyList<string> Names { get; }

    /// <summary>The name of the store new uploads go to (<see cref="MediaStorageOptions.UploadStore"/>).</summary>
    string UploadStore { get; }

    /// <summary>The store registered under <paramref name="name"/>.</summary>
    /// <param name="name">A store name, such as <see cref="MediaAsset.StoreName"/>.</param>
    /// <returns>The store.</returns>
    /// <exception cref="MediaException">No store is registered under that name (<see cref="MediaErrorCodes.StoreNotConfigured"/>).</exception>
    IMediaBlobStore Get(string name);
}
