using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace MediaKit;

/// <summary>
/// Writes assets as CSV (seed 004: "after a bulk upload, download a CSV file containing the URLs of the uploaded images"),
/// one row at a time: the file is never built in memory.
/// </summary>
/// <remarks>
/// <para>The columns are <see cref="Header"/>: <c>id</c> (the asset id), <c>file_name</c>, <c>url</c> (from the caller's
/// function, since URLs are built by the HTTP layer), <c>size</c> (bytes), <c>width</c> and <c>height</c> (pixels, empty
/// when unknown) and <c>created_at</c> (ISO 8601 in UTC with milliseconds, such as <c>2025-01-08T09:30:00.000Z</c>).
/// Numbers use the invariant culture.</para>
/// <para>The output follows RFC 4180: lines end with CRLF, including the last; a field containing a comma, a double
/// quote, CR or LF is enclosed in double quotes, and a double quote inside it is doubled.</para>
/// <para>Spreadsheet formula injection is neutralized as the OWASP "CSV Injection" guidance recommends: a field that
/// starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, TAB or CR (or the full-width forms of <c>= + - @</c>, which some
/// spreadsheet apps also evaluate) gets a leading apostrophe, so that Excel, LibreOffice and Google Sheets show it as text
/// instead of running it. A file named <c>=HYPERLINK("http://evil","x").png</c> is written as
/// <c>"'=HYPERLINK(""http://evil"",""x"").png"</c>. A program that reads the CSV back sees the apostrophe.</para>
/// </remarks>
public static class MediaCsv
{
    /// <summary>The header line's fields, without the line end.</summary>
    public const string Header = "id,file_name,url,size,width,height,created_at";

    private const string LineEnd = "\r\n";

    /// <summary>Writes the header and one line per asset to <paramref name="writer"/>, then flushes it.</summary>
    /// <param name="writer">Where the CSV goes. Its encoding is the caller's choice; it is flushed, not disposed.</param>
    /// <param name="assets">The assets, in the order to write them; enumerated once.</param>
    /// <param name="url">Builds the URL of an asset (public or signed, as the caller decides).</param>
    /// <param name="cancellationToken">Stops writing between rows.</param>
    public static async Task WriteAsync(TextWriter writer, IAsyncEnumerable<MediaAsset> assets, Func<MediaAsset, string> url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(assets);
        ArgumentNullException.ThrowIfNull(url);
        await writer.WriteAsync((Header + LineEnd).AsMemory(), cancellationToken);
        await foreach (var asset in assets.WithCancellation(cancellationToken))
        {
            await writer.WriteAsync(FormatRow(asset, url).AsMemory(), cancellationToken);
        }

        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>Writes the header and one line per asset to <paramref name="writer"/>, then flushes it.</summary>
    /// <param name="writer">Where the CSV goes. Its encoding is the caller's choice; it is flushed, not disposed.</param>
    /// <param name="assets">The assets, in the order to write them; enumerated once.</param>
    /// <param name="url">Builds the URL of an asset (public or signed, as the caller decides).</param>
    /// <param name="cancellationToken">Stops writing between rows.</param>
    public static Task WriteAsync(TextWriter writer, IEnumerable<MediaAsset> assets, Func<MediaAsset, string> url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assets);
        return WriteAsync(writer, ToAsync(assets), url, cancellationToken);
    }

    /// <summary>
    /// Writes the CSV to <paramref name="stream"/> as UTF-8 with a byte order mark, which spreadsheet apps need to
    /// recognize UTF-8 (file names are often not ASCII). The stream is flushed, not disposed.
    /// </summary>
    /// <param name="stream">Where the CSV goes, such as an HTTP response body.</param>
    /// <param name="assets">The assets, in the order to write them; enumerated once.</param>
    /// <param name="url">Builds the URL of an asset (public or signed, as the caller decides).</param>
    /// <param name="cancellationToken">Stops writing between rows.</param>
    public static async Task WriteAsync(Stream stream, IAsyncEnumerable<MediaAsset> assets, Func<MediaAsset, string> url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 16 * 1024, leaveOpen: true);
        await WriteAsync(writer, assets, url, cancellationToken);
    }

    internal static string FormatRow(MediaAsset asset, Func<MediaAsset, string> url)
    {
        var line = new StringBuilder(160);
        AppendField(line, asset.Id.ToString("D"));
        line.Append(',');
        AppendField(line, asset.FileName);
        line.Append(',');
        AppendField(line, url(asset) ?? "");
        line.Append(',');
        AppendField(line, asset.Length.ToString(CultureInfo.InvariantCulture));
        line.Append(',');
        AppendField(line, asset.Width?.ToString(CultureInfo.InvariantCulture) ?? "");
        line.Append(',');
        AppendField(line, asset.Height?.ToString(CultureInfo.InvariantCulture) ?? "");
        line.Append(',');
        AppendField(line, asset.CreatedAt.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'", CultureInfo.InvariantCulture));
        line.Append(LineEnd);
        return line.ToString();
    }

    /// <summary>Formats one field: neutralized against formula injection, then quoted if RFC 4180 requires it.</summary>
    internal static string FormatField(string value)
    {
        var builder = new StringBuilder(value.Length + 4);
        AppendField(builder, value);
        return builder.ToString();
    }

    private static void AppendField(StringBuilder line, string value)
    {
        // Every field goes through the same rules, even the ones MediaKit formats itself: one rule is easier to trust.
        var neutralize = value.Length > 0 && IsFormulaTrigger(value[0]);
        var quote = value.AsSpan().IndexOfAny(",\"\r\n") >= 0;
        if (!neutralize && !quote)
        {
            line.Append(value);
            return;
        }

        if (quote)
        {
            line.Append('"');
        }

        if (neutralize)
        {
            line.Append('\'');
        }

        line.Append(quote ? value.Replace("\"", "\"\"", StringComparison.Ordinal) : value);
        if (quote)
        {
            line.Append('"');
        }
    }

    private static bool IsFormulaTrigger(char first)
        => first is '=' or '+' or '-' or '@' or '\t' or '\r' or '\uFF1D' or '\uFF0B' or '\uFF0D' or '\uFF20';

    private static async IAsyncEnumerable<MediaAsset> ToAsync(IEnumerable<MediaAsset> assets, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var asset in assets)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return asset;
        }

        await Task.CompletedTask;
    }
}
