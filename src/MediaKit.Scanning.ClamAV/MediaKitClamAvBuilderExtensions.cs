using MediaKit;
using MediaKit.Processing;
using MediaKit.Scanning.ClamAV;
using MediaKit.Scanning.ClamAV.Internal;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the ClamAV malware scanner.</summary>
public static class MediaKitClamAvBuilderExtensions
{
    /// <summary>
    /// Scans every upload with clamd before its record is committed, streaming the stored file to clamd with the
    /// <c>INSTREAM</c> command. An infected file is refused with <see cref="MediaErrorCodes.Infected"/> and its bytes removed.
    /// When clamd gives no verdict the upload fails closed unless <see cref="ClamAvScanningOptions.FailOpen"/> is set.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddMediaKit</c>.</param>
    /// <param name="configure">Sets how clamd is reached.</param>
    /// <returns>The builder.</returns>
    public static IMediaKitBuilder UseClamAvScanning(this IMediaKitBuilder builder, Action<ClamAvScanningOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<ClamAvScanningOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClamAvScanningOptions>, ClamAvScanningOptionsValidator>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IMediaScanner, ClamAvScanner>());
        return builder;
    }
}
