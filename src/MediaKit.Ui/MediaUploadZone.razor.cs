using MediaKit.AspNetCore;
using MediaKit.Ui.Internal;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;

namespace MediaKit.Ui;

/// <summary>
/// A drop zone with a "Choose files" button that uploads files from the browser straight to MediaKit's upload endpoint
/// (<c>{ApiPath}/upload</c>), one request per file and a few at a time, showing each file's byte progress and outcome.
/// </summary>
/// <remarks>
/// The bytes never pass through the Blazor circuit: mediakit.js sends them with <c>XMLHttpRequest</c> (with the antiforgery
/// token header the endpoint requires for cookie-authenticated requests) and reports throttled progress and the server's
/// answer back to the component. Needs an interactive render mode; prerendered, it shows the zone without behaviour.
/// </remarks>
public sealed partial class MediaUploadZone : IUploadReceiver
{
    private readonly List<UploadBatch> _batches = [];
    private ElementReference _zone;
    private ElementReference _input;
    private IJSObjectReference? _module;
    private IJSObjectReference? _handle;
    private DotNetObjectReference<UploadCallbacks>? _callbacks;
    private string _announcement = "";
    private string? _wiredUrl;
    private bool _wiredMultiple;
    private bool _disposed;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private IOptions<MediaKitUiOptions> Options { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IServiceProvider Services { get; set; } = default!;

    /// <summary>The collection the files are uploaded to.</summary>
    [Parameter, EditorRequired]
    public string Collection { get; set; } = "";

    /// <summary>Whether several files may be chosen or dropped at once (default <see langword="true"/>).</summary>
    [Parameter]
    public bool Multiple { get; set; } = true;

    /// <summary>The file input's <c>accept</c> filter, such as <c>image/*</c>; <see langword="null"/> for any file the collection accepts.</summary>
    [Parameter]
    public string? Accept { get; set; }

    /// <summary>Raised once a batch of files has finished, with each file's result (the created asset, or its typed error).</summary>
    [Parameter]
    public EventCallback<IReadOnlyList<MediaUploadResult>> OnUploaded { get; set; }

    /// <summary>How many files the browser sends at the same time (1 to 6, default 3).</summary>
    [Parameter]
    public int Concurrency { get; set; } = 3;

    internal IReadOnlyList<UploadBatch> Batches => _batches;

    internal string UploadUrl => Navigation.BaseUri + Options.Value.ApiPath.TrimStart('/') + "/upload?collection=" + Uri.EscapeDataString(Collection);

    /// <inheritdoc />
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _module = await JS.InvokeAsync<IJSObjectReference>("import", "./_content/MediaKit.Ui/mediakit.js");
            _callbacks = DotNetObjectReference.Create(new UploadCallbacks(this));
            _wiredUrl = UploadUrl;
            _wiredMultiple = Multiple;
            _handle = await _module.InvokeAsync<IJSObjectReference>("initUploadZone", _zone, _input, _callbacks, new
            {
                url = _wiredUrl,
                token = AntiforgeryToken(),
                multiple = Multiple,
                concurrency = Math.Clamp(Concurrency, 1, 6),
            });
        }
        else if (_handle is not null && (_wiredUrl != UploadUrl || _wiredMultiple != Multiple))
        {
            _wiredUrl = UploadUrl;
            _wiredMultiple = Multiple;
            await _handle.InvokeVoidAsync("update", new { url = _wiredUrl, multiple = Multiple });
        }
    }

    Task IUploadReceiver.StartedAsync(string batchId, IReadOnlyList<UploadFileInfo> files)
    {
        // Finished batches leave the list when a new one starts, so the list shows the current work and its outcome.
        _batches.RemoveAll(b => b.IsFinished);
        _batches.Add(new UploadBatch(batchId, files));
        _announcement = files.Count == 1 ? $"Uploading {files[0].Name}" : $"Uploading {files.Count} files";
        return InvokeAsync(StateHasChanged);
    }

    Task IUploadReceiver.ProgressAsync(string batchId, string fileId, long loaded, long total)
        => Batch(batchId)?.Progress(fileId, loaded, total) == true ? InvokeAsync(StateHasChanged) : Task.CompletedTask;

    Task IUploadReceiver.CompletedAsync(string batchId, string fileId, int status, string? body)
        => Batch(batchId) is { } batch && batch.Complete(fileId, status, body) is not null ? FinishedOneAsync(batch) : Task.CompletedTask;

    Task IUploadReceiver.CanceledAsync(string batchId, string fileId)
        => Batch(batchId) is { } batch && batch.Cancel(fileId) is not null ? FinishedOneAsync(batch) : Task.CompletedTask;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            if (_handle is not null)
            {
                await _handle.InvokeVoidAsync("dispose");
                await _handle.DisposeAsync();
            }

            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone; so is the browser side.
        }

        _callbacks?.Dispose();
    }

    private static string StatusText(UploadFile file) => file.State switch
    {
        UploadFileState.Queued => "Waiting",
        UploadFileState.Uploading => $"{file.Percent} %",
        UploadFileState.Uploaded => "Uploaded",
        UploadFileState.Canceled => "Canceled",
        _ => file.Result?.Error is { } error ? $"{error.Message} ({error.Code})" : "Failed",
    };

    private UploadBatch? Batch(string batchId) => _batches.Find(b => b.Id == batchId);

    private string? AntiforgeryToken()
        => Services.GetService<AntiforgeryStateProvider>()?.GetAntiforgeryToken()?.Value;

    private async Task CancelAsync(UploadBatch batch, UploadFile file)
    {
        if (_handle is not null)
        {
            // The browser aborts the request (or drops the queued file) and reports it back as canceled.
            await _handle.InvokeVoidAsync("cancel", file.Id);
            return;
        }

        if (batch.Cancel(file.Id) is not null)
        {
            await FinishedOneAsync(batch);
        }
    }

    private async Task FinishedOneAsync(UploadBatch batch)
    {
        if (batch.IsFinished)
        {
            var uploaded = batch.Files.Count(f => f.State == UploadFileState.Uploaded);
            var failed = batch.Files.Count(f => f.State == UploadFileState.Failed);
            _announcement = $"{uploaded} uploaded" + (failed > 0 ? $", {failed} failed" : "");
            await InvokeAsync(StateHasChanged);
            await InvokeAsync(() => OnUploaded.InvokeAsync(batch.Results));
        }
        else
        {
            await InvokeAsync(StateHasChanged);
        }
    }
}
