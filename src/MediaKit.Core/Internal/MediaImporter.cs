using System.Buffers;
using System.Net;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MediaKit.Internal;

/// <summary>
/// The default <see cref="IMediaImporter"/>. Idempotency is by content: a row is already imported when its field
/// references an asset of its collection whose SHA-256 is the source's. The source is read once into a temporary file
/// (deleted on close) only when the field already holds candidates, so the first import of a field streams straight
/// into the upload pipeline.
/// </summary>
internal sealed partial class MediaImporter(
    IMediaStore store,
    IMediaUsages usages,
    IOptions<MediaImportOptions> defaults,
    TimeProvider time,
    ILogger<MediaImporter>? logger = null) : IMediaImporter
{
    private const int BufferSize = 81920;

    private readonly ILogger _logger = logger ?? NullLogger<MediaImporter>.Instance;

    /// <summary>Replaces the address policy of URL fetching. Tests only: lets one loopback endpoint stand in for a public host.</summary>
    internal Func<IPEndPoint, bool>? EndpointPolicy { get; set; }

    public Task<MediaImportReport> ImportAsync(IEnumerable<MediaImportRow> rows, MediaImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return ImportAsync(ToAsync(rows), options, cancellationToken);
    }

    public async Task<MediaImportReport> ImportAsync(IAsyncEnumerable<MediaImportRow> rows, MediaImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        options ??= defaults.Value;
        Validate(options);
        using var fetcher = new SafeHttpFetcher(options.AllowPrivateNetworks, options.MaxRedirects, EndpointPolicy);
        var results = new List<MediaImportRowResult>();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            var result = await ImportRowAsync(results.Count + 1, row, options, fetcher, cancellationToken);
            switch (result.Outcome)
            {
                case MediaImportOutcome.Imported:
                    Log.Imported(_logger, result.RowNumber, Describe(row.Source), result.AssetId!.Value);
                    break;
                case MediaImportOutcome.AlreadyImported:
                    Log.AlreadyImported(_logger, result.RowNumber, Describe(row.Source), result.AssetId!.Value);
                    break;
                default:
                    Log.Failed(_logger, result.RowNumber, Describe(row.Source), result.ErrorCode!, result.ErrorMessage!);
                    break;
            }

            results.Add(result);
        }

        var report = new MediaImportReport(results);
        Log.Finished(_logger, results.Count, report.Imported, report.AlreadyImported, report.Failed);
        return report;
    }

    private async Task<MediaImportRowResult> ImportRowAsync(int number, MediaImportRow row, MediaImportOptions options, SafeHttpFetcher fetcher, CancellationToken cancellationToken)
    {
        if (row is null)
        {
            throw new ArgumentException($"Row {number} is null.", nameof(row));
        }

        try
        {
            CheckRow(row);

            // What the field holds already; this also checks the resource's names before anything is fetched.
            var current = await usages.GetAsync(row.ResourceType, row.ResourceId, row.Field, cancellationToken);
            var candidates = new List<MediaAsset>();
            foreach (var usage in current)
            {
                if (await store.FindAsync(usage.AssetId, cancellationToken) is { } existing && existing.Collection == row.Collection)
                {
                    candidates.Add(existing);
                }
            }

            using var timeout = new CancellationTokenSource(options.Timeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            ImportSource? source = null;
            MediaAsset asset;
            try
            {
                source = await OpenAsync(row, options, fetcher, linked.Token);
                var (content, length, spool) = ((Stream)source.Content, source.Length, (FileStream?)null);
                try
                {
                    if (candidates.Count > 0)
                    {
                        string sha256;
                        (spool, sha256) = await SpoolAsync(source.Content, linked.Token);
                        if (candidates.Find(a => a.Sha256 == sha256) is { } match)
                        {
                            return new MediaImportRowResult(number, row, MediaImportOutcome.AlreadyImported, match.Id, null, null);
                        }

                        (content, length) = (spool, spool.Length);
                    }

                    var request = new MediaUploadRequest(row.Collection, FileNameOf(row.Source), content)
                    {
                        DeclaredLength = length,
                        UploadedBy = options.UploadedBy,
                    };
                    asset = await store.UploadAsync(request, linked.Token);
                }
                finally
                {
                    if (spool is not null)
                    {
                        await spool.DisposeAsync();
                    }
                }
            }
            catch (Exception ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                return Failed(number, row, new MediaException(MediaErrorCodes.ImportTimeout, $"Importing the source took longer than {options.Timeout}.", ex));
            }
            catch (Exception ex) when (source?.Content.Failure is { } failure && !cancellationToken.IsCancellationRequested && ex is not OperationCanceledException)
            {
                return Failed(number, row, failure);
            }
            finally
            {
                if (source is not null)
                {
                    await source.DisposeAsync();
                }
            }

            // A de-duplicating collection may hand back an asset the field already references.
            if (current.Any(u => u.AssetId == asset.Id))
            {
                return new MediaImportRowResult(number, row, MediaImportOutcome.AlreadyImported, asset.Id, null, null);
            }

            await ReferenceAsync(row, asset.Id, cancellationToken);
            return new MediaImportRowResult(number, row, MediaImportOutcome.Imported, asset.Id, null, null);
        }
        catch (MediaException ex)
        {
            return Failed(number, row, ex);
        }
    }

    private static async Task<ImportSource> OpenAsync(MediaImportRow row, MediaImportOptions options, SafeHttpFetcher fetcher, CancellationToken cancellationToken)
    {
        if (IsHttpUrl(row.Source, out var url))
        {
            return await fetcher.FetchAsync(url, options.MaxLength, cancellationToken);
        }

        if (!Path.IsPathFullyQualified(row.Source))
        {
            throw new MediaException(MediaErrorCodes.ImportInvalidSource, "The source is neither an absolute http or https URL nor a fully qualified local path.");
        }

        var path = ImportPaths.Resolve(row.Source, options.AllowedRoots);
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new MediaException(MediaErrorCodes.ImportFetchFailed, $"The file {row.Source} could not be opened: {ex.Message}", ex);
        }

        if (file.Length > options.MaxLength)
        {
            await file.DisposeAsync();
            throw new MediaException(MediaErrorCodes.ImportTooLarge, $"The file {row.Source} is {file.Length:N0} bytes; an import may read at most {options.MaxLength:N0}.");
        }

        return new ImportSource(new ImportSourceStream(file, options.MaxLength), file.Length);
    }

    private static async Task<(FileStream Spool, string Sha256)> SpoolAsync(Stream source, CancellationToken cancellationToken)
    {
        var spool = new FileStream(
            Path.Combine(Path.GetTempPath(), $"mediakit-import-{Guid.NewGuid():N}.tmp"),
            FileMode.CreateNew,
            FileAccess.ReadWrite,
            FileShare.None,
            BufferSize,
            FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await spool.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            await spool.FlushAsync(cancellationToken);
            spool.Position = 0;
            return (spool, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        catch
        {
            await spool.DisposeAsync();
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task ReferenceAsync(MediaImportRow row, Guid assetId, CancellationToken cancellationToken)
    {
        if (row.Position is not { } position)
        {
            await usages.AddAsync(row.ResourceType, row.ResourceId, row.Field, assetId, cancellationToken);
            return;
        }

        var ids = (await usages.GetAsync(row.ResourceType, row.ResourceId, row.Field, cancellationToken)).Select(u => u.AssetId).ToList();
        if (!ids.Contains(assetId))
        {
            ids.Insert(Math.Min(position, ids.Count), assetId);
            await usages.SetAsync(row.ResourceType, row.ResourceId, row.Field, ids, cancellationToken);
        }
    }

    private static void CheckRow(MediaImportRow row)
    {
        if (string.IsNullOrEmpty(row.ResourceType) || string.IsNullOrEmpty(row.ResourceId) || string.IsNullOrEmpty(row.Field) || string.IsNullOrEmpty(row.Collection))
        {
            throw new MediaException(MediaErrorCodes.InvalidRequest, "The row's resource type, resource id, field and collection must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(row.Source))
        {
            throw new MediaException(MediaErrorCodes.ImportInvalidSource, "The row has no source.");
        }

        if (row.Position is < 0)
        {
            throw new MediaException(MediaErrorCodes.InvalidRequest, $"The position must not be negative (was {row.Position}).");
        }
    }

    private static void Validate(MediaImportOptions options)
    {
        if (options.MaxLength <= 0)
        {
            throw new ArgumentException($"MediaImportOptions.MaxLength must be positive (was {options.MaxLength}).", nameof(options));
        }

        if (options.Timeout <= TimeSpan.Zero || options.Timeout.TotalMilliseconds > int.MaxValue)
        {
            throw new ArgumentException($"MediaImportOptions.Timeout must be positive and under 24 days (was {options.Timeout}).", nameof(options));
        }

        if (options.MaxRedirects is < 0 or > 20)
        {
            throw new ArgumentException($"MediaImportOptions.MaxRedirects must be between 0 and 20 (was {options.MaxRedirects}).", nameof(options));
        }
    }

    private static bool IsHttpUrl(string source, out Uri url)
        => Uri.TryCreate(source, UriKind.Absolute, out url!) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);

    private static string FileNameOf(string source)
    {
        if (IsHttpUrl(source, out var url))
        {
            var segment = url.Segments.Length > 0 ? Uri.UnescapeDataString(url.Segments[^1]).Trim('/') : "";
            return segment.Length > 0 ? segment : "import";
        }

        return Path.GetFileName(source);
    }

    private static string Describe(string? source)
        => source is null ? "(none)" : IsHttpUrl(source, out var url) ? SafeHttpFetcher.Describe(url) : source;

    private static MediaImportRowResult Failed(int number, MediaImportRow row, MediaException error)
        => new(number, row, MediaImportOutcome.Failed, null, error.Code, error.Message);

    private static async IAsyncEnumerable<MediaImportRow> ToAsync(IEnumerable<MediaImportRow> rows, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return row;
        }

        await Task.CompletedTask;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Import row {RowNumber}: {Source} stored as media asset {AssetId}")]
        public static partial void Imported(ILogger logger, int rowNumber, string source, Guid assetId);

        [LoggerMessage(EventId = 1202, Level = LogLevel.Debug, Message = "Import row {RowNumber}: {Source} is already media asset {AssetId}")]
        public static partial void AlreadyImported(ILogger logger, int rowNumber, string source, Guid assetId);

        [LoggerMessage(EventId = 1203, Level = LogLevel.Warning, Message = "Import row {RowNumber}: {Source} failed with {Code}: {Reason}")]
        public static partial void Failed(ILogger logger, int rowNumber, string source, string code, string reason);

        [LoggerMessage(EventId = 1204, Level = LogLevel.Information, Message = "Import finished: {Rows} rows, {Imported} imported, {AlreadyImported} already imported, {Failed} failed")]
        public static partial void Finished(ILogger logger, int rows, int imported, int alreadyImported, int failed);
    }
}
