namespace MediaKit.Internal;

internal sealed partial class MediaStore
{
    private const int MaxTitleLength = 512;
    private const int MaxAltTextLength = 1024;
    private const int MaxTags = 50;
    private const int MaxTagLength = 64;

    public async Task<MediaAsset?> UpdateAsync(Guid id, MediaAssetChanges changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var tags = changes.Tags is null ? null : NormalizeTags(changes.Tags);
        if (changes.Title?.Length > MaxTitleLength || changes.AltText?.Length > MaxAltTextLength)
        {
            throw new MediaException(MediaErrorCodes.InvalidRequest, $"A title has at most {MaxTitleLength} characters and alt text at most {MaxAltTextLength}.");
        }

        if (changes.FileName is { } name && string.IsNullOrWhiteSpace(name))
        {
            throw new MediaException(MediaErrorCodes.InvalidRequest, "A file name must not be empty.");
        }

        var asset = await FindForChangeAsync(TenantId, id, includeDeleted: false, cancellationToken);
        if (asset is null)
        {
            return null;
        }

        if (changes.FileName is not null)
        {
            asset.FileName = FileNames.Normalize(changes.FileName, _options.MaxFileNameLength);
        }

        if (changes.Title is not null)
        {
            asset.Title = changes.Title.Length == 0 ? null : changes.Title.Trim();
        }

        if (changes.AltText is not null)
        {
            asset.AltText = changes.AltText.Length == 0 ? null : changes.AltText.Trim();
        }

        if (tags is not null)
        {
            asset.Tags = tags;
        }

        asset.UpdatedAt = _time.GetUtcNow();
        _audit.Record(asset, MediaAuditActions.Updated, new
        {
            FileName = changes.FileName is null ? null : asset.FileName,
            changes.Title,
            changes.AltText,
            Tags = tags,
        });
        await SaveAssetAsync(asset, cancellationToken);
        return asset;
    }

    private static List<string> NormalizeTags(IReadOnlyList<string> tags)
    {
        var normalized = tags.Select(t => t?.Trim() ?? "").Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (normalized.Count > MaxTags || normalized.Exists(t => t.Length > MaxTagLength || t.Any(char.IsControl)))
        {
            throw new MediaException(MediaErrorCodes.InvalidRequest, $"An asset has at most {MaxTags} tags of 1 to {MaxTagLength} characters without control characters.");
        }

        return normalized;
    }
}
