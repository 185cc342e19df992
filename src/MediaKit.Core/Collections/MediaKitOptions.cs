namespace MediaKit;

/// <summary>The options of MediaKit, validated when the app starts.</summary>
public sealed class MediaKitOptions
{
    /// <summary>The configured collections. Uploads name one of them.</summary>
    public MediaCollectionCatalog Collections { get; } = new();

    /// <summary>The tenant used by the default <see cref="IMediaTenantAccessor"/> in single-tenant apps. Default <c>default</c>.</summary>
    public string DefaultTenantId { get; set; } = "default";

    /// <summary>The longest display file name kept, in characters; longer names are shortened, keeping the extension. Default 255.</summary>
    public int MaxFileNameLength { get; set; } = 255;

    /// <summary>The rules of the cleanup job: orphans, expiry and the trash's retention.</summary>
    public MediaCleanupOptions Cleanup { get; } = new();

    /// <summary>The store new uploads go to and the settings of moves between stores.</summary>
    public Storage.MediaStorageOptions Storage { get; } = new();

    /// <summary>How old a blob without a record must be before reconciliation removes it. Default one hour, so uploads in flight are never touched.</summary>
    public TimeSpan ReconciliationGracePeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The absolute base URL of public files, such as a CDN or bucket URL (<c>https://cdn.example.com/media</c>); a public
    /// file's URL is this base, <c>/</c> and the blob's storage key. Include the S3 key prefix, if any, in the base.
    /// Default <see langword="null"/>: public files are served by the app's delivery endpoint (<see cref="DeliveryPath"/>).
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// The path at which <c>MapMediaKit</c> maps the HTTP API, used to build delivery URLs (<c>{DeliveryPath}/{id}/content</c>).
    /// Default <c>/api/media</c>; must match the prefix given to <c>MapMediaKit</c>, which checks it.
    /// </summary>
    public string DeliveryPath { get; set; } = "/api/media";

    /// <summary>The keys and lifetimes of signed URLs for private collections.</summary>
    public MediaUrlSigningOptions Signing { get; } = new();

    /// <summary>The rules of the variant backfill (<see cref="Processing.IMediaVariantBackfill"/>).</summary>
    public Processing.MediaVariantBackfillOptions VariantBackfill { get; } = new();
}

/// <summary>The named collections of <see cref="MediaKitOptions"/>.</summary>
public sealed class MediaCollectionCatalog : IEnumerable<MediaCollectionOptions>
{
    private readonly Dictionary<string, MediaCollectionOptions> _collections = new(StringComparer.Ordinal);

    /// <summary>How many collections are configured.</summary>
    public int Count => _collections.Count;

    /// <summary>Adds a collection, or configures it further when it exists.</summary>
    /// <param name="name">The collection's name: lowercase letters, digits, <c>-</c> and <c>_</c>, 1 to 64 characters (checked at startup).</param>
    /// <param name="configure">Sets the collection's policy.</param>
    /// <returns>The collection's options.</returns>
    public MediaCollectionOptions Add(string name, Action<MediaCollectionOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!_collections.TryGetValue(name, out var collection))
        {
            collection = new MediaCollectionOptions(name);
            _collections.Add(name, collection);
        }

        configure?.Invoke(collection);
        return collection;
    }

    /// <summary>Finds a collection by name.</summary>
    /// <returns>The collection, or <see langword="null"/> when none has that name.</returns>
    public MediaCollectionOptions? Find(string name) => _collections.GetValueOrDefault(name);

    /// <inheritdoc />
    public IEnumerator<MediaCollectionOptions> GetEnumerator() => _collections.Values.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
