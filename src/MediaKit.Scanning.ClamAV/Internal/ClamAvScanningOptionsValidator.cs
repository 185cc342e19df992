using Microsoft.Extensions.Options;

namespace MediaKit.Scanning.ClamAV.Internal;

internal sealed class ClamAvScanningOptionsValidator : IValidateOptions<ClamAvScanningOptions>
{
    public ValidateOptionsResult Validate(string? name, ClamAvScanningOptions options)
    {
        var failures = new List<string>();
        if (options.UnixSocketPath is null)
        {
            if (string.IsNullOrWhiteSpace(options.Host))
            {
                failures.Add("ClamAvScanningOptions.Host must be set when UnixSocketPath is not.");
            }

            if (options.Port is < 1 or > 65535)
            {
                failures.Add($"ClamAvScanningOptions.Port must be between 1 and 65535 (was {options.Port}).");
            }
        }
        else if (string.IsNullOrWhiteSpace(options.UnixSocketPath))
        {
            failures.Add("ClamAvScanningOptions.UnixSocketPath must not be blank; leave it null to use Host and Port.");
        }

        if (options.ConnectTimeout <= TimeSpan.Zero)
        {
            failures.Add($"ClamAvScanningOptions.ConnectTimeout must be positive (was {options.ConnectTimeout}).");
        }

        if (options.ScanTimeout <= TimeSpan.Zero)
        {
            failures.Add($"ClamAvScanningOptions.ScanTimeout must be positive (was {options.ScanTimeout}).");
        }

        if (options.ChunkSize is < 1024 or > 1024 * 1024)
        {
            failures.Add($"ClamAvScanningOptions.ChunkSize must be between 1024 and 1048576 bytes (was {options.ChunkSize}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
