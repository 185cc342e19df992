namespace MediaKit.Internal;

/// <summary>Checks every collection's variant definitions and the backfill settings when the app starts (part of the options validation).</summary>
internal static class MediaVariantOptionsValidator
{
    public static void Validate(MediaKitOptions options, List<string> failures)
    {
        foreach (var collection in options.Collections)
        {
            foreach (var variant in collection.Variants)
            {
                var prefix = $"MediaKit: collection '{collection.Name}', variant '{variant.Name}':";
                if (variant.Name.Length > 64 || !variant.Name.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_'))
                {
                    failures.Add($"{prefix} the name must be 1 to 64 lowercase letters, digits, '-' or '_' (it becomes part of URLs and storage keys).");
                }

                if (variant.Width is null && variant.Height is null)
                {
                    failures.Add($"{prefix} set Width, Height or both.");
                }

                if (variant.Width is < 1 or > 16384 || variant.Height is < 1 or > 16384)
                {
                    failures.Add($"{prefix} Width and Height must be between 1 and 16384 pixels.");
                }

                if (variant.Fit == MediaVariantFit.Cover && (variant.Width is null || variant.Height is null))
                {
                    failures.Add($"{prefix} Fit = Cover needs both Width and Height.");
                }

                if (variant.Quality is < 1 or > 100)
                {
                    failures.Add($"{prefix} Quality must be between 1 and 100 (was {variant.Quality}).");
                }

                if (!Enum.IsDefined(variant.Format) || !Enum.IsDefined(variant.Fit))
                {
                    failures.Add($"{prefix} Format or Fit is not a defined value.");
                }

                if (variant.AppliesTo.Count == 0)
                {
                    failures.Add($"{prefix} AppliesTo is empty, so the variant is never generated; remove it instead.");
                }
            }
        }

        var backfill = options.VariantBackfill;
        if (backfill.Interval < TimeSpan.FromSeconds(1) || backfill.LeaseDuration < TimeSpan.FromSeconds(10) || backfill.BatchSize is < 1 or > 10_000)
        {
            failures.Add("MediaKit: VariantBackfill.Interval must be at least one second, VariantBackfill.LeaseDuration at least ten seconds, and VariantBackfill.BatchSize between 1 and 10000.");
        }
    }
}
