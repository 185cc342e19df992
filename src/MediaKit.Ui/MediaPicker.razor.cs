using MediaKit.AspNetCore;
using MediaKit.Ui.Internal;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;

namespace MediaKit.Ui;

/// <summary>
/// A form field that holds an ordered list of asset ids (<c>@bind-Value</c>), with a modal dialog to upload new files or
/// choose from the library: search, filter by kind and collection, paged thumbnails, multi-select in order, preview.
/// </summary>
/// <remarks>
/// Needs an interactive render mode. Every query runs as the circuit's user (<c>AddMediaKitUi</c>), so the dialog shows only
/// that user's tenant's files.
/// </remarks>
public sealed partial class MediaPicker : IAsyncDisposable
{
    private static readonly MediaKind[] AllKinds = [MediaKind.Image, MediaKind.Video, MediaKind.Audio, MediaKind.Document, MediaKind.Other];
    private static readonly TimeSpan SearchDelay = TimeSpan.FromMilliseconds(300);

    private readonly string _id = "mk-picker-" + Guid.NewGuid().ToString("N")[..8];
    private readonly Dictionary<Guid, PickerItem> _known = [];
    private readonly List<PickerItem> _items = [];
    private readonly List<Guid> _selection = [];
    private ElementReference _openButton;
    private ElementReference _dialog;
    private ElementReference _uploadTab;
    private ElementReference _libraryTab;
    private ElementReference _listbox;
    private ElementReference _scroll;
    private ElementReference _sentinel;
    private IJSObjectReference? _module;
    private IJSObjectReference? _focusTrap;
    private IJSObjectReference? _listboxKeys;
    private IJSObjectReference? _scrollObserver;
    private DotNetObjectReference<PickerCallbacks>? _self;
    private CancellationTokenSource? _queryCts;
    private CancellationTokenSource? _searchCts;
    private bool _open;
    private bool _justOpened;
    private bool _returnFocus;
    private bool _loading;
    private bool _disposed;
    private PickerTab _tab = PickerTab.Library;
    private string _search = "";
    private string _collectionFilter = "";
    private MediaKind? _kindFilter;
    private string? _nextCursor;
    private string? _error;
    private Guid? _previewId;
    private int _generation;

    private enum PickerTab
    {
        Upload,
        Library,
    }

    [Inject]
    private IMediaStore Store { get; set; } = default!;

    [Inject]
    private IMediaUrls Urls { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private IOptions<MediaKitUiOptions> UiOptions { get; set; } = default!;

    [Inject]
    private IOptions<MediaKitOptions> MediaOptions { get; set; } = default!;

    /// <summary>The chosen assets' ids, in order (two-way: <c>@bind-Value</c>).</summary>
    [Parameter]
    public IReadOnlyList<Guid> Value { get; set; } = [];

    /// <summary>Raised when the user changes the selection.</summary>
    [Parameter]
    public EventCallback<IReadOnlyList<Guid>> ValueChanged { get; set; }

    /// <summary>Whether several assets may be chosen (an ordered list); otherwise at most one.</summary>
    [Parameter]
    public bool Multiple { get; set; }

    /// <summary>The collection uploads go to, and the library tab's initial filter.</summary>
    [Parameter, EditorRequired]
    public string Collection { get; set; } = "";

    /// <summary>Limits the library tab to one kind (such as images); <see langword="null"/> for every kind.</summary>
    [Parameter]
    public MediaKind? Kind { get; set; }

    /// <summary>The text of the button that opens the picker (default "Select or upload").</summary>
    [Parameter]
    public string ButtonText { get; set; } = "Select or upload";

    /// <summary>The field's accessible name, such as "Main image".</summary>
    [Parameter]
    public string? Label { get; set; }

    internal bool IsOpen => _open;

    internal IReadOnlyList<Guid> Selection => _selection;

    internal IReadOnlyList<PickerItem> LibraryItems => _items;

    private IEnumerable<MediaKind> Kinds => Kind is { } only ? [only] : AllKinds;

    private IEnumerable<string> CollectionNames => MediaOptions.Value.Collections.Select(c => c.Name).Order(StringComparer.Ordinal);

    private string? AcceptFilter => Kind switch
    {
        MediaKind.Image => "image/*",
        MediaKind.Video => "video/*",
        MediaKind.Audio => "audio/*",
        _ => null,
    };

    private PickerItem? PreviewItem => _previewId is { } id && _known.TryGetValue(id, out var item) ? item : null;

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        Value ??= [];
        var unknown = Value.Where(id => !_known.ContainsKey(id)).Distinct().ToList();
        foreach (var id in unknown)
        {
            var asset = await Store.FindAsync(id);
            _known[id] = asset is null ? PickerItem.Missing(id) : await PickerItem.FromAsync(asset, Urls, CancellationToken.None);
        }
    }

    /// <inheritdoc />
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            // Loaded with the field, not when the picker opens: opening then costs no script download.
            _module ??= await JS.InvokeAsync<IJSObjectReference>("import", "./_content/MediaKit.Ui/mediakit.js");
        }

        if (_justOpened)
        {
            _justOpened = false;
            _module ??= await JS.InvokeAsync<IJSObjectReference>("import", "./_content/MediaKit.Ui/mediakit.js");
            _self ??= DotNetObjectReference.Create(new PickerCallbacks(LoadMoreFromScrollAsync));
            _focusTrap = await _module.InvokeAsync<IJSObjectReference>("trapFocus", _dialog, _tab == PickerTab.Library ? _libraryTab : _uploadTab);
            _listboxKeys = await _module.InvokeAsync<IJSObjectReference>("initListbox", _listbox);
            _scrollObserver = await _module.InvokeAsync<IJSObjectReference>("observeEnd", _scroll, _sentinel, _self, nameof(PickerCallbacks.LoadMore));
        }

        if (_returnFocus)
        {
            _returnFocus = false;
            await _openButton.FocusAsync();
        }
    }

    /// <summary>Loads the next page when the end of the grid scrolls into view (called by mediakit.js).</summary>
    internal Task LoadMoreFromScrollAsync() => InvokeAsync(async () =>
    {
        if (_open && !_loading && _nextCursor is not null)
        {
            await LoadMoreAsync();
            StateHasChanged();
        }
    });

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _queryCts?.Cancel();
        _searchCts?.Cancel();
        await ReleaseDialogScriptsAsync();
        if (_module is not null)
        {
            try
            {
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone.
            }
        }

        _self?.Dispose();
        _queryCts?.Dispose();
        _searchCts?.Dispose();
    }

    private static string KindName(MediaKind kind) => kind switch
    {
        MediaKind.Image => "Image",
        MediaKind.Video => "Video",
        MediaKind.Audio => "Audio",
        MediaKind.Document => "Document",
        _ => "Other",
    };

    private PickerItem Item(Guid id) => _known.TryGetValue(id, out var item) ? item : PickerItem.Missing(id);

    private async Task OpenAsync()
    {
        _selection.Clear();
        _selection.AddRange(Value);
        _previewId = _selection.Count > 0 ? _selection[^1] : null;
        _tab = PickerTab.Library;
        _search = "";
        _kindFilter = Kind;
        _collectionFilter = MediaOptions.Value.Collections.Find(Collection) is null ? "" : Collection;
        _open = true;
        _justOpened = true;
        await ReloadAsync();
    }

    private async Task CloseAsync()
    {
        _open = false;
        _queryCts?.Cancel();
        _searchCts?.Cancel();
        await ReleaseDialogScriptsAsync();
        _returnFocus = true;
    }

    private Task CancelAsync() => CloseAsync();

    private async Task ConfirmAsync()
    {
        IReadOnlyList<Guid> chosen = Multiple ? [.. _selection] : [.. _selection.Take(1)];
        await CloseAsync();
        await SetValueAsync(chosen);
    }

    private async Task SetValueAsync(IReadOnlyList<Guid> value)
    {
        Value = value;
        await ValueChanged.InvokeAsync(value);
    }

    private Task RemoveValueAsync(int index)
    {
        var list = Value.ToList();
        list.RemoveAt(index);
        return SetValueAsync(list);
    }

    private Task MoveValueAsync(int index, int by)
    {
        var list = Value.ToList();
        var target = index + by;
        if (target < 0 || target >= list.Count)
        {
            return Task.CompletedTask;
        }

        (list[index], list[target]) = (list[target], list[index]);
        return SetValueAsync(list);
    }

    private void MoveSelection(int index, int by)
    {
        var target = index + by;
        if (target >= 0 && target < _selection.Count)
        {
            (_selection[index], _selection[target]) = (_selection[target], _selection[index]);
        }
    }

    private void Toggle(PickerItem item)
    {
        _previewId = item.Id;
        if (!Multiple)
        {
            _selection.Clear();
            _selection.Add(item.Id);
        }
        else if (!_selection.Remove(item.Id))
        {
            _selection.Add(item.Id);
        }
    }

    private async Task OnDialogKeyDownAsync(KeyboardEventArgs e)
    {
        if (e.Key == "Escape")
        {
            await CloseAsync();
        }
    }

    private async Task SelectTabAsync(PickerTab tab, bool focus)
    {
        _tab = tab;
        if (focus)
        {
            await (tab == PickerTab.Library ? _libraryTab : _uploadTab).FocusAsync();
        }
    }

    private Task OnTabKeyDownAsync(KeyboardEventArgs e) => e.Key switch
    {
        "ArrowLeft" or "ArrowRight" => SelectTabAsync(_tab == PickerTab.Library ? PickerTab.Upload : PickerTab.Library, true),
        "Home" => SelectTabAsync(PickerTab.Upload, true),
        "End" => SelectTabAsync(PickerTab.Library, true),
        _ => Task.CompletedTask,
    };

    private void OnSearchInput(ChangeEventArgs e)
    {
        _search = e.Value?.ToString() ?? "";
        _searchCts?.Cancel();
        _searchCts?.Dispose();
        var cts = _searchCts = new CancellationTokenSource();
        _ = SearchAfterDelayAsync(cts.Token);
    }

    private async Task SearchAfterDelayAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(SearchDelay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        await InvokeAsync(async () =>
        {
            if (!cancellationToken.IsCancellationRequested && _open)
            {
                await ReloadAsync();
                StateHasChanged();
            }
        });
    }

    private Task OnKindChangedAsync(ChangeEventArgs e)
    {
        _kindFilter = Kind ?? (Enum.TryParse<MediaKind>(e.Value?.ToString(), out var kind) ? kind : null);
        return ReloadAsync();
    }

    private Task OnCollectionChangedAsync(ChangeEventArgs e)
    {
        var name = e.Value?.ToString() ?? "";
        _collectionFilter = MediaOptions.Value.Collections.Find(name) is null ? "" : name;
        return ReloadAsync();
    }

    private async Task OnUploadedAsync(IReadOnlyList<MediaUploadResult> results)
    {
        var added = false;
        foreach (var result in results)
        {
            if (result.Asset is not { } uploaded || result.Error is not null)
            {
                continue;
            }

            // The upload answer is the browser's; the asset is read back through the store, so only what this user may see is added.
            if (await Store.FindAsync(uploaded.Id) is not { } asset)
            {
                continue;
            }

            _known[asset.Id] = await PickerItem.FromAsync(asset, Urls, CancellationToken.None);
            if (!Multiple)
            {
                _selection.Clear();
            }

            if (!_selection.Contains(asset.Id))
            {
                _selection.Add(asset.Id);
            }

            _previewId = asset.Id;
            added = true;
        }

        if (added && _open)
        {
            await ReloadAsync();
        }
    }

    private Task ReloadAsync()
    {
        _items.Clear();
        _nextCursor = null;
        return LoadPageAsync(null);
    }

    private Task LoadMoreAsync() => _nextCursor is { } cursor && !_loading ? LoadPageAsync(cursor) : Task.CompletedTask;

    private async Task LoadPageAsync(string? cursor)
    {
        _queryCts?.Cancel();
        _queryCts?.Dispose();
        var cts = _queryCts = new CancellationTokenSource();
        var generation = ++_generation;
        _loading = true;
        _error = null;
        try
        {
            var page = await Store.QueryAsync(
                new MediaQuery
                {
                    Collection = _collectionFilter.Length == 0 ? null : _collectionFilter,
                    Kind = Kind ?? _kindFilter,
                    Search = string.IsNullOrWhiteSpace(_search) ? null : _search.Trim(),
                    Limit = UiOptions.Value.PageSize,
                    Cursor = cursor,
                },
                cts.Token);
            if (generation != _generation)
            {
                return;
            }

            foreach (var asset in page.Items)
            {
                var item = await PickerItem.FromAsync(asset, Urls, cts.Token);
                _known[item.Id] = item;
                _items.Add(item);
            }

            _nextCursor = page.NextCursor;
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            // A newer query replaced this one.
        }
        catch (MediaException ex)
        {
            _error = ex.Message;
        }
        finally
        {
            if (generation == _generation)
            {
                _loading = false;
            }
        }
    }

    private async Task ReleaseDialogScriptsAsync()
    {
        foreach (var handle in new[] { _focusTrap, _listboxKeys, _scrollObserver })
        {
            if (handle is null)
            {
                continue;
            }

            try
            {
                await handle.InvokeVoidAsync("dispose");
                await handle.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone.
            }
        }

        _focusTrap = _listboxKeys = _scrollObserver = null;
    }
}
