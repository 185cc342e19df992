using System.Globalization;
using System.Text;

namespace MediaKit.Scanning.ClamAV.Tests.TestSupport;

/// <summary>The clamd that eng/services/clamav-start.sh started, from the settings it writes to artifacts/services/clamav.env.</summary>
internal static class Clamd
{
    public const string PortVariable = "MEDIAKIT_CLAMAV_PORT";

    public static string Host => Environment.GetEnvironmentVariable("MEDIAKIT_CLAMAV_HOST") is { Length: > 0 } host ? host : "127.0.0.1";

    public static int? Port => int.TryParse(Environment.GetEnvironmentVariable(PortVariable), CultureInfo.InvariantCulture, out var port) ? port : null;

    public static string? Socket => Environment.GetEnvironmentVariable("MEDIAKIT_CLAMAV_SOCKET") is { Length: > 0 } path ? path : null;

    public static long StreamMaxLength
        => long.TryParse(Environment.GetEnvironmentVariable("MEDIAKIT_CLAMAV_STREAM_MAX_LENGTH"), CultureInfo.InvariantCulture, out var max) ? max : 10 << 20;

    public static bool IsConfigured => Port is not null;

    public static string SkipReason =>
        $"{PortVariable} is not set: start clamd with eng/services/clamav-start.sh and export artifacts/services/clamav.env (eng/test.sh does both).";

    public static ClamAvScanningOptions TcpOptions() => new()
    {
        Host = Host,
        Port = Port ?? throw new InvalidOperationException(SkipReason),
    };
}

/// <summary>
/// The EICAR anti-malware test file, assembled at run time: no file of the repository is itself the test string,
/// so a developer's own antivirus does not quarantine the checkout.
/// </summary>
internal static class Eicar
{
    public static byte[] Bytes { get; } = Encoding.ASCII.GetBytes(
        string.Concat(@"X5O!P%@AP[4\PZX54(P^)7CC)7}$", "EICAR-STANDARD-", "ANTIVIRUS-TEST-", "FILE!$H+H*"));
}
