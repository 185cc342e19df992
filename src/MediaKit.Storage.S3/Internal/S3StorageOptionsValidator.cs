using Microsoft.Extensions.Options;

namespace MediaKit.Storage.S3.Internal;

internal sealed class S3StorageOptionsValidator : IValidateOptions<S3StorageOptions>
{
    private const string Name = "MediaKit S3 storage";
    private const int MaxKeyPrefixLength = 256;

    public ValidateOptionsResult Validate(string? name, S3StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (string.IsNullOrWhiteSpace(options.BucketName))
        {
            failures.Add($"{Name}: BucketName must be set to the bucket that holds the media files, for example UseS3Storage(o => o.BucketName = \"my-app-media\").");
        }
        else if (!IsBucketName(options.BucketName))
        {
            failures.Add($"{Name}: BucketName '{options.BucketName}' is not a valid bucket name: use 3 to 63 lowercase letters, digits, '-' and '.', starting and ending with a letter or digit.");
        }

        if (options.KeyPrefix is { Length: > 0 } prefix && KeyPrefixProblem(prefix) is { } problem)
        {
            failures.Add($"{Name}: KeyPrefix '{prefix}' {problem}.");
        }

        if (!string.IsNullOrEmpty(options.ServiceUrl)
            && !(Uri.TryCreate(options.ServiceUrl, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)))
        {
            failures.Add($"{Name}: ServiceUrl '{options.ServiceUrl}' must be an absolute http or https URL, for example https://minio.internal:9000.");
        }

        if (options.Region is { } region && (region.Length == 0 || region.Trim() != region || region.Contains(' ', StringComparison.Ordinal)))
        {
            failures.Add($"{Name}: Region '{region}' must be a region system name such as 'eu-west-1', or left unset to use the AWS region chain.");
        }

        if (string.IsNullOrEmpty(options.AccessKey) != string.IsNullOrEmpty(options.SecretKey))
        {
            failures.Add($"{Name}: AccessKey and SecretKey must be set together, or both left empty to use the standard AWS credential chain.");
        }

        if (options.PartSize is < S3StorageOptions.MinPartSize or > S3StorageOptions.MaxPartSize)
        {
            failures.Add($"{Name}: PartSize must be between {S3StorageOptions.MinPartSize} (5 MiB, the smallest part S3 accepts) and {S3StorageOptions.MaxPartSize} (512 MiB) bytes (was {options.PartSize}).");
        }

        if (options.MaxConcurrentParts is < 1 or > S3StorageOptions.MaxConcurrentPartsLimit)
        {
            failures.Add($"{Name}: MaxConcurrentParts must be between 1 and {S3StorageOptions.MaxConcurrentPartsLimit} (was {options.MaxConcurrentParts}).");
        }

        if (!Enum.IsDefined(options.CreateOnly))
        {
            failures.Add($"{Name}: CreateOnly must be IfNoneMatch or ExistenceCheck (was {(int)options.CreateOnly}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // The rules shared by AWS and the S3-compatible stores; periods are allowed for older buckets, though path-style only.
    private static bool IsBucketName(string name)
        => name.Length is >= 3 and <= 63
            && char.IsAsciiLetterLower(name[0]) | char.IsAsciiDigit(name[0])
            && char.IsAsciiLetterLower(name[^1]) | char.IsAsciiDigit(name[^1])
            && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.')
            && !name.Contains("..", StringComparison.Ordinal);

    private static string? KeyPrefixProblem(string prefix)
    {
        if (prefix.Length > MaxKeyPrefixLength)
        {
            return $"is longer than {MaxKeyPrefixLength} characters";
        }

        if (prefix[0] == '/')
        {
            return "must not start with '/'";
        }

        foreach (var segment in prefix.TrimEnd('/').Split('/'))
        {
            if (segment.Length == 0 || segment is "." or "..")
            {
                return "must be '/'-separated names without empty, '.' or '..' segments";
            }
        }

        return prefix.Any(c => char.IsControl(c) || c is '\\')
            ? "must not contain control characters or '\\'"
            : null;
    }
}
