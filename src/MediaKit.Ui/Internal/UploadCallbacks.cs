using Microsoft.JSInterop;

namespace MediaKit.Ui.Internal;

/// <summary>What the upload zone does when the browser reports on its uploads.</summary>
internal interface IUploadReceiver
{
    Task StartedAsync(string batchId, IReadOnlyList<UploadFileInfo> files);

    Task ProgressAsync(string batchId, string fileId, long loaded, long total);

    Task CompletedAsync(string batchId, string fileId, int status, string? body);

    Task CanceledAsync(string batchId, string fileId);
}

/// <summary>
/// The object mediakit.js calls back (through a <see cref="DotNetObjectReference{T}"/>) about the files it sends: a batch
/// started, throttled byte progress, the server's answer, a cancel.
/// </summary>
internal sealed class UploadCallbacks(IUploadReceiver receiver)
{
    [JSInvokable]
    public Task Started(string batchId, UploadFileInfo[] files) => receiver.StartedAsync(batchId, files);

    [JSInvokable]
    public Task Progress(string batchId, string fileId, long loaded, long total) => receiver.ProgressAsync(batchId, fileId, loaded, total);

    [JSInvokable]
    public Task Completed(string batchId, string fileId, int status, string? body) => receiver.CompletedAsync(batchId, fileId, status, body);

    [JSInvokable]
    public Task Canceled(string batchId, string fileId) => receiver.CanceledAsync(batchId, fileId);
}
