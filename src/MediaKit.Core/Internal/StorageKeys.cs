namespace MediaKit.Internal;

/// <summary>Generates blob keys. Every file of an asset lives under one prefix so a purge can find them all.</summary>
internal static class StorageKeys
{
    public static string AssetPrefix(Guid assetId, DateTimeOffset createdAt)
        => $"{createdAt.UtcDateTime:yyyy}/{createdAt.UtcDateTime:MM}/{assetId:N}/";

    public static string Original(Guid assetId, DateTimeOffset createdAt, int version, string contentType)
        => $"{AssetPrefix(assetId, createdAt)}original-v{version}.{MediaContentTypes.GetExtension(contentType)}";

    public static string Variant(Guid assetId, DateTimeOffset createdAt, string variantName, string contentType)
        => $"{AssetPrefix(assetId, createdAt)}{variantName}.{MediaContentTypes.GetExtension(contentType)}";

    /// <summary>A variant of one version of the original: a replacement's variants never share a key with the ones they replace.</summary>
    public static string Variant(Guid assetId, DateTimeOffset createdAt, int version, string variantName, string contentType)
        => $"{AssetPrefix(assetId, createdAt)}{variantName}-v{version}.{MediaContentTypes.GetExtension(contentType)}";
}
