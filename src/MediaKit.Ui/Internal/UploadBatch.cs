using System.Text.Json;
using MediaKit.AspNetCore;

namespace MediaKit.Ui.Internal;

/// <summary>Where one file of an upload batch is.</summary>
internal enum UploadFileState
{
    /// <summary>Waiting for a free connection (the browser sends a few files at a time).</summary>
    Queued = 0,

    /// <summary>Bytes are being sent.</summary>
    Uploading = 1,

    /// <summary>The server stored the file.</summary>
    Uploaded = 2,

    /// <summary>The server refused the file, or the connection failed.</summary>
    Failed = 3,

    /// <summary>The user canceled the upload.</summary>
    Canceled = 4,
}

/// <summary>One file of an upload batch, as the upload zone shows it.</summary>
internal sealed class UploadFile(string id, string fileName, long size)
{
    /// <summary>The id the browser gave the file (to report progress and to cancel it).</summary>
    public string Id { get; } = id;

    /// <summary>The file's name on the user's device.</summary>
    public string FileName { get; } = fileName;

    /// <summary>The file's size in bytes.</summary>
    public long Size { get; private set; } = size;

    /// <summary>The bytes sent so far.</summary>
    public long Loaded { get; private set; }

    /// <summary>Where the file is.</summary>
    public UploadFileState State { get; private set; }

    /// <summary>The outcome, once the file is <see cref="IsFinished"/>.</summary>
    public MediaUploadResult? Result { get; private set; }

    /// <summary>Whether the file reached an end state (uploaded, failed or canceled).</summary>
    public bool IsFinished => State is UploadFileState.Uploaded or UploadFileState.Failed or UploadFileState.Canceled;

    /// <summary>The sent share in percent, 0 to 100.</summary>
    public int Percent => Size <= 0 ? (IsFinished ? 100 : 0) : (int)Math.Clamp(Loaded * 100 / Size, 0, 100);

    internal bool Progress(long loaded, long total)
    {
        if (IsFinished)
        {
            return false;
        }

        if (total > 0)
        {
            // The browser counts the multipart body, which is a little larger than the file.
            Size = Math.Max(Size, total);
        }

        loaded = Math.Clamp(loaded, 0, Size);
        if (State == UploadFileState.Uploading && loaded <= Loaded)
        {
            return false;
        }

        State = UploadFileState.Uploading;
        Loaded = Math.Max(Loaded, loaded);
        return true;
    }

    internal void Finish(UploadFileState state, MediaUploadResult result)
    {
        State = state;
        Result = result;
        if (state == UploadFileState.Uploaded)
        {
            Loaded = Size;
        }
    }
}

/// <summary>
/// The files the user chose or dropped at once, and what the browser reported about each: progress, then the server's JSON
/// (a <see cref="MediaUploadResponse"/> or a ProblemDetails with a <c>code</c>), a network failure or a cancel. Plain state,
/// so it is tested without a browser.
/// </summary>
internal sealed class UploadBatch
{
    /// <summary>The message of a file whose connection failed.</summary>
    public const string NetworkErrorMessage = "The connection failed before the upload finished.";

    /// <summary>The message of a file the user canceled.</summary>
    public const string CanceledMessage = "The upload was canceled.";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly List<UploadFile> _files = [];

    /// <summary>Starts a batch of the given files, all <see cref="UploadFileState.Queued"/>.</summary>
    public UploadBatch(string id, IEnumerable<UploadFileInfo> files)
    {
        Id = id;
        foreach (var file in files)
        {
            _files.Add(new UploadFile(file.Id, file.Name, file.Size));
        }
    }

    /// <summary>The batch's id, given by the browser.</summary>
    public string Id { get; }

    /// <summary>The files in the order they were chosen.</summary>
    public IReadOnlyList<UploadFile> Files => _files;

    /// <summary>Whether every file reached an end state.</summary>
    public bool IsFinished => _files.TrueForAll(f => f.IsFinished);

    /// <summary>The files' outcomes in order; complete once <see cref="IsFinished"/>.</summary>
    public IReadOnlyList<MediaUploadResult> Results => [.. _files.Where(f => f.Result is not null).Select(f => f.Result!)];

    /// <summary>The file with this id, or <see langword="null"/>.</summary>
    public UploadFile? Find(string fileId) => _files.Find(f => f.Id == fileId);

    /// <summary>Records progress; <see langword="false"/> when nothing visible changed (unknown file, finished, not forward).</summary>
    public bool Progress(string fileId, long loaded, long total) => Find(fileId)?.Progress(loaded, total) ?? false;

    /// <summary>
    /// Records the server's answer: a 2xx with <c>{"items":[{"fileName","asset","error"}]}</c>, or an error status with a
    /// ProblemDetails <c>{"title","detail","status","code"}</c>; status 0 is a failed connection.
    /// </summary>
    /// <returns>The file, or <see langword="null"/> when it is unknown or already finished.</returns>
    public UploadFile? Complete(string fileId, int status, string? body)
    {
        if (Find(fileId) is not { IsFinished: false } file)
        {
            return null;
        }

        var result = Parse(file.FileName, status, body);
        file.Finish(result.Asset is not null && result.Error is null ? UploadFileState.Uploaded : UploadFileState.Failed, result);
        return file;
    }

    /// <summary>Records that the user canceled the file (before or while it was sent).</summary>
    /// <returns>The file, or <see langword="null"/> when it is unknown or already finished.</returns>
    public UploadFile? Cancel(string fileId)
    {
        if (Find(fileId) is not { IsFinished: false } file)
        {
            return null;
        }

        file.Finish(UploadFileState.Canceled, new MediaUploadResult(file.FileName, null, new MediaErrorResponse(MediaErrorCodes.UploadIncomplete, CanceledMessage)));
        return file;
    }

    internal static MediaUploadResult Parse(string fileName, int status, string? body)
    {
        if (status == 0)
        {
            return new MediaUploadResult(fileName, null, new MediaErrorResponse(MediaErrorCodes.UploadIncomplete, NetworkErrorMessage));
        }

        JsonElement root = default;
        var json = false;
        if (!string.IsNullOrWhiteSpace(body))
        {
            try
            {
                root = JsonSerializer.Deserialize<JsonElement>(body, Json);
                json = root.ValueKind == JsonValueKind.Object;
            }
            catch (JsonException)
            {
                // Not JSON (a proxy's HTML error page): reported by status below.
            }
        }

        if (status is >= 200 and < 300)
        {
            if (json)
            {
                try
                {
                    var response = root.Deserialize<MediaUploadResponse>(Json);
                    if (response?.Items is [var first, ..])
                    {
                        return first with { FileName = string.IsNullOrEmpty(first.FileName) ? fileName : first.FileName };
                    }
                }
                catch (JsonException)
                {
                    // Falls through to the typed error below.
                }
            }

            return new MediaUploadResult(fileName, null, new MediaErrorResponse(MediaErrorCodes.InvalidRequest, $"The server answered {status} without an upload result."));
        }

        string? code = null;
        string? message = null;
        if (json)
        {
            code = Text(root, "code");
            message = Text(root, "detail") ?? Text(root, "title");
        }

        code ??= status switch
        {
            401 => MediaErrorCodes.Unauthenticated,
            403 => MediaErrorCodes.Forbidden,
            413 => MediaErrorCodes.TooLarge,
            429 => MediaErrorCodes.RateLimited,
            _ => MediaErrorCodes.StorageFailed,
        };
        return new MediaUploadResult(fileName, null, new MediaErrorResponse(code, message ?? $"The upload failed ({status})."));
    }

    private static string? Text(JsonElement root, string name)
        => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}

/// <summary>A file the browser is about to send, as it reports it.</summary>
/// <param name="Id">The browser's id of the file.</param>
/// <param name="Name">The file's name.</param>
/// <param name="Size">The file's size in bytes.</param>
internal sealed record UploadFileInfo(string Id, string Name, long Size);
