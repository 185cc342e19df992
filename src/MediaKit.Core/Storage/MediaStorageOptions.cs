namespace MediaKit.Storage;

/// <summary>
/// Which blob store new uploads go to, and how assets are moved between stores (<see cref="MediaKitOptions.Storage"/>),
/// validated when the app starts.
/// </summary>
/// <remarks>
/// A store registered without a name (<c>UseFileSystemStorage(o =&gt; ...)</c>, <c>UseS3Storage(o =&gt; ...)</c>) is the store
/// named <see cref="DefaultStoreName"/>; more stores are registered by name (<c>UseS3Storage("s3", o =&gt; ...)</c>). Every asset
/// records the name of the store that holds its files (<see cref="MediaAsset.StoreName"/>): its original, its variants and its
/// previous versions always live in that one store.
/// </remarks>
public sealed class MediaStorageOptions
{
    /// <summary>The name of the store registered without a name: <c>default</c>.</summary>
    public const string DefaultStoreName = "default";

    /// <summary>The store new uploads are written to. Default <see cref="DefaultStoreName"/>. It must name a registered store.</summary>
    public string UploadStore { get; set; } = DefaultStoreName;

    /// <summary>How many assets a move lists from the catalog at a time. Default 100; allowed 1 to 10,000.</summary>
    public int MoveBatchSize { get; set; } = 100;

    /// <summary>How many assets one app instance copies at the same time during a move. Default 4; allowed 1 to 64.</summary>
    public int MoveConcurrency { get; set; } = 4;

    /// <summary>
    /// How long an app instance's claim on an asset it is moving lasts; another instance may take the asset over once the claim
    /// has lapsed (the first instance crashed). Default 10 minutes; at least 10 seconds. It must exceed the time the largest
    /// asset takes to copy.
    /// </summary>
    public TimeSpan MoveClaimDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often the background move service (<c>AddStoreMoveService</c>) looks for assets left on the source store. Default 5 minutes.</summary>
    public TimeSpan MoveInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Whether <paramref name="name"/> is a valid store name: 1 to 64 lowercase ASCII letters, digits, <c>-</c> or <c>_</c>.</summary>
    /// <param name="name">The name to check.</param>
    /// <returns><see langword="true"/> when the name is valid.</returns>
    public static bool IsValidStoreName(string? name)
        => name is { Length: > 0 and <= 64 } && name.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_');
}
