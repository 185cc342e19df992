using System.Globalization;
using System.Security.Claims;
using MediaKit.AspNetCore;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;

namespace MediaKit.Ui;

/// <summary>
/// The organization's media library (seed 004): a searchable, filterable grid or table of the tenant's files with paging,
/// selection and bulk delete, restore and CSV export, uploads, a details panel (edit, variants, copy URL, "used by"), and
/// the review queue for reviewers.
/// </summary>
/// <remarks>
/// Every control is shown according to MediaKit's policies (<see cref="MediaKitPolicies"/>) for the signed-in user of the
/// cascading authentication state, and every action checks the policy again before it runs. Store calls are scoped to the
/// user's tenant. Use it in an interactive server page (<c>@rendermode InteractiveServer</c>).
/// </remarks>
public sealed partial class MediaLibrary : IAsyncDisposable
{
    /// <summary>How long the search box waits after the last keystroke before it searches.</summary>
    internal static readonly TimeSpan SearchDelay = TimeSpan.FromMilliseconds(300);

    /// <summary>The most ids one CSV link names (the API's default <c>MaxIdsPerRequest</c>).</summary>
    internal const int MaxIdsPerCsvLink = 200;

    private const int UsesPageSize = 20;

    private readonly string _id = "mk-lib-" + Guid.NewGuid().ToString("N")[..8];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HashSet<Guid> _selected = [];
    private readonly Dictionary<Guid, string> _reasons = [];
    private readonly Dictionary<Guid, string> _reviewErrors = [];
    private readonly DetailsForm _form = new();

    private bool _loaded;
    private bool _canView;
    private bool _canUpload;
    private bool _canManage;
    private bool _canReview;

    private string _search = "";
    private string _collectionFilter = "";
    private string _kindFilter = "";
    private string _sort = "newest";
    private bool _trash;
    private bool _listView;

    private List<MediaAsset> _items = [];
    private string? _nextCursor;
    private long? _total;
    private bool _totalExact = true;
    private IReadOnlyDictionary<Guid, int> _usageCounts = new Dictionary<Guid, int>();
    private List<Refusal> _refusals = [];
    private string? _announcement;
    private string? _error;

    private string _uploadCollection = "";
    private UploadSummary? _lastUpload;

    private List<MediaAsset> _pending = [];
    private bool _pendingMore;

    private MediaAsset? _details;
    private string? _detailUrl;
    private List<(MediaVariant Variant, string? Url)> _detailVariants = [];
    private List<MediaUsage> _detailUses = [];
    private string? _detailUsesCursor;
    private string? _detailError;
    private bool _copied;
    private ElementReference _closeButton;
    private bool _focusDetails;
    private string? _returnFocusTo;

    private CancellationTokenSource? _searchDelay;
    private IJSObjectReference? _module;

    [Inject]
    private IMediaStore Store { get; set; } = default!;

    [Inject]
    private IMediaUsages Usages { get; set; } = default!;

    [Inject]
    private IMediaReview Review { get; set; } = default!;

    [Inject]
    private IMediaUrls Urls { get; set; } = default!;

    [Inject]
    private IAuthorizationService Authorization { get; set; } = default!;

    [Inject]
    private IOptions<MediaKitUiOptions> UiOptions { get; set; } = default!;

    [Inject]
    private IOptions<MediaKitOptions> MediaOptions { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private IServiceProvider Services { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>The collection shown first (the user may change the filter); <see langword="null"/> for all.</summary>
    [Parameter]
    public string? Collection { get; set; }

    /// <summary>The collections offered for uploads; <see langword="null"/> for every configured collection.</summary>
    [Parameter]
    public IReadOnlyList<string>? UploadCollections { get; set; }

    private IReadOnlyList<string> UploadTargets
        => UploadCollections ?? [.. MediaOptions.Value.Collections.Select(c => c.Name)];

    private bool HasFilters => _search.Length > 0 || _collectionFilter.Length > 0 || _kindFilter.Length > 0;

    private bool AllOnPageSelected => _items.Count > 0 && _items.All(a => _selected.Contains(a.Id));

    private string TotalText => _total switch
    {
        null => Plural(_items.Count, "file"),
        { } total when !_totalExact => $"{total.ToString("N0", CultureInfo.CurrentCulture)}+ files",
        1 => "1 file",
        { } total => $"{total.ToString("N0", CultureInfo.CurrentCulture)} files",
    } + (_trash ? " in the trash" : "");

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        _collectionFilter = Collection ?? "";
        _uploadCollection = Collection is not null && UploadTargets.Contains(Collection) ? Collection : UploadTargets.FirstOrDefault() ?? "";
        var user = await UserAsync();
        _canView = await IsAllowedAsync(user, MediaKitPolicies.View);
        if (_canView)
        {
            _canUpload = await IsAllowedAsync(user, MediaKitPolicies.Upload);
            _canManage = await IsAllowedAsync(user, MediaKitPolicies.Manage);
            _canReview = await IsReviewerAsync(user);
            await GuardAsync(async () =>
            {
                await LoadPageAsync();
                if (_canReview)
                {
                    await LoadPendingAsync();
                }
            });
        }

        _loaded = true;
    }

    /// <inheritdoc />
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_focusDetails && _details is not null)
        {
            _focusDetails = false;
            await TryJsAsync(() => _closeButton.FocusAsync().AsTask());
        }
        else if (_returnFocusTo is { } id && _details is null)
        {
            _returnFocusTo = null;
            await TryJsAsync(async () => await (await ModuleAsync()).InvokeVoidAsync("focusById", id));
        }
    }

    /// <summary>Soft-deletes the selected files (the bulk bar's "Delete selected").</summary>
    internal Task DeleteSelectedAsync(bool force) => DeleteAsync([.. _selected], force);

    /// <summary>
    /// Moves files to the trash after checking the <see cref="MediaKitPolicies.Manage"/> policy again. Files in use are
    /// refused one by one with their usages unless <paramref name="force"/>.
    /// </summary>
    internal async Task DeleteAsync(IReadOnlyList<Guid> ids, bool force)
    {
        if (ids.Count == 0)
        {
            return;
        }

        if (!await IsAllowedAsync(await UserAsync(), MediaKitPolicies.Manage))
        {
            Announce($"Refused: you may not delete files ({Plural(ids.Count, "file")} kept).");
            StateHasChanged();
            return;
        }

        await GuardAsync(async () =>
        {
            var deleted = 0;
            var refusals = _refusals.Where(r => !ids.Contains(r.Id)).ToList();
            var failures = new List<string>();
            foreach (var id in ids.Distinct())
            {
                var name = NameOf(id);
                try
                {
                    if (await Store.DeleteAsync(id, MediaDeleteMode.Soft, force))
                    {
                        deleted++;
                        _selected.Remove(id);
                    }
                    else
                    {
                        failures.Add($"{name}: not found");
                    }
                }
                catch (MediaInUseException ex)
                {
                    refusals.Add(new Refusal(id, name, ex.Usages, ex.TotalUsages));
                }
                catch (MediaException ex)
                {
                    failures.Add($"{name}: {ex.Message}");
                }
            }

            _refusals = refusals;
            var refusedNow = refusals.Where(r => ids.Contains(r.Id)).ToList();
            var parts = new List<string>();
            if (deleted > 0 || (refusedNow.Count == 0 && failures.Count == 0))
            {
                parts.Add($"{Plural(deleted, "file")} deleted");
            }

            if (refusedNow.Count > 0)
            {
                var uses = refusedNow.SelectMany(r => r.Usages).Select(u => $"{u.ResourceType} {u.ResourceId}").Distinct().Take(3);
                parts.Add($"{refusedNow.Count} refused: used by {string.Join(", ", uses)}");
            }

            parts.AddRange(failures);
            Announce(string.Join("; ", parts));
            if (_details is not null && ids.Contains(_details.Id) && !refusedNow.Any(r => r.Id == _details.Id) && deleted > 0)
            {
                CloseDetailsCore();
            }

            await LoadPageAsync(keepSelection: true);
        });
        StateHasChanged();
    }

    /// <summary>Takes the selected files out of the trash (the bulk bar's "Restore selected").</summary>
    internal Task RestoreSelectedAsync() => RestoreAsync([.. _selected]);

    /// <summary>Takes files out of the trash after checking the <see cref="MediaKitPolicies.Manage"/> policy again.</summary>
    internal async Task RestoreAsync(IReadOnlyList<Guid> ids)
    {
        if (!await IsAllowedAsync(await UserAsync(), MediaKitPolicies.Manage))
        {
            Announce("Refused: you may not restore files.");
            StateHasChanged();
            return;
        }

        await GuardAsync(async () =>
        {
            var restored = 0;
            foreach (var id in ids.Distinct())
            {
                if (await Store.RestoreAsync(id))
                {
                    restored++;
                    _selected.Remove(id);
                }
            }

            Announce($"{Plural(restored, "file")} restored");
            if (_details is not null && ids.Contains(_details.Id))
            {
                CloseDetailsCore();
            }

            await LoadPageAsync(keepSelection: true);
        });
        StateHasChanged();
    }

    /// <summary>Approves a file under review after checking the reviewer rights again.</summary>
    internal async Task ApproveAsync(Guid id)
    {
        var name = _pending.FirstOrDefault(a => a.Id == id)?.FileName ?? NameOf(id);
        if (!await IsReviewerAsync(await UserAsync()))
        {
            Announce($"Refused: you may not approve {name}.");
            StateHasChanged();
            return;
        }

        await GuardAsync(async () =>
        {
            _reviewErrors.Remove(id);
            var asset = await Review.ApproveAsync(id);
            Announce(asset is null ? $"{name} no longer exists" : $"Approved {name}");
            await LoadPendingAsync();
            await LoadPageAsync(keepSelection: true);
        });
    }

    /// <summary>Rejects a file under review with the reason typed next to it, after checking the reviewer rights again.</summary>
    internal async Task RejectAsync(Guid id)
    {
        var name = _pending.FirstOrDefault(a => a.Id == id)?.FileName ?? NameOf(id);
        if (!await IsReviewerAsync(await UserAsync()))
        {
            Announce($"Refused: you may not reject {name}.");
            StateHasChanged();
            return;
        }

        var reason = _reasons.GetValueOrDefault(id)?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            _reviewErrors[id] = $"Give a reason for rejecting {name}.";
            return;
        }

        await GuardAsync(async () =>
        {
            try
            {
                var asset = await Review.RejectAsync(id, reason);
                _reviewErrors.Remove(id);
                _reasons.Remove(id);
                Announce(asset is null ? $"{name} no longer exists" : $"Rejected {name}");
                await LoadPendingAsync();
                await LoadPageAsync(keepSelection: true);
            }
            catch (MediaException ex)
            {
                _reviewErrors[id] = ex.Message;
            }
        });
    }

    /// <summary>Releases the script module and the search timer.</summary>
    public async ValueTask DisposeAsync()
    {
        _searchDelay?.Cancel();
        _searchDelay?.Dispose();
        if (_module is not null)
        {
            try
            {
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone, and the module with it.
            }
        }

        _gate.Dispose();
    }

    private async Task OnSearchInputAsync(ChangeEventArgs e)
    {
        _search = e.Value?.ToString() ?? "";
        if (_searchDelay is not null)
        {
            await _searchDelay.CancelAsync();
            _searchDelay.Dispose();
        }

        var delay = _searchDelay = new CancellationTokenSource();
        try
        {
            await Task.Delay(SearchDelay, delay.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        await GuardAsync(() => LoadPageAsync());
    }

    private async Task SearchNowAsync()
    {
        _searchDelay?.Cancel();
        await GuardAsync(() => LoadPageAsync());
    }

    private Task OnCollectionChangedAsync(ChangeEventArgs e)
    {
        _collectionFilter = e.Value?.ToString() ?? "";
        return GuardAsync(() => LoadPageAsync());
    }

    private Task OnKindChangedAsync(ChangeEventArgs e)
    {
        _kindFilter = e.Value?.ToString() ?? "";
        return GuardAsync(() => LoadPageAsync());
    }

    private Task OnSortChangedAsync(ChangeEventArgs e)
    {
        _sort = e.Value?.ToString() ?? "newest";
        return GuardAsync(() => LoadPageAsync());
    }

    private Task ToggleTrashAsync()
    {
        _trash = !_trash;
        _refusals.Clear();
        CloseDetailsCore();
        return GuardAsync(() => LoadPageAsync());
    }

    private void OnSelectChanged(Guid id, ChangeEventArgs e)
    {
        if (e.Value is true || (e.Value is string s && bool.TryParse(s, out var b) && b))
        {
            _selected.Add(id);
        }
        else
        {
            _selected.Remove(id);
        }
    }

    private void OnSelectAllChanged(ChangeEventArgs e)
    {
        var check = e.Value is true || (e.Value is string s && bool.TryParse(s, out var b) && b);
        foreach (var asset in _items)
        {
            if (check)
            {
                _selected.Add(asset.Id);
            }
            else
            {
                _selected.Remove(asset.Id);
            }
        }
    }

    private Task LoadMoreAsync() => GuardAsync(async () =>
    {
        if (_nextCursor is null)
        {
            return;
        }

        var page = await Store.QueryAsync(BuildQuery() with { Cursor = _nextCursor });
        _items.AddRange(page.Items.Where(a => !_items.Any(i => i.Id == a.Id)));
        _nextCursor = page.NextCursor;
        await LoadUsageCountsAsync();
        Announce($"{Plural(page.Items.Count, "more file")} shown");
    });

    private async Task OnUploadedAsync(IReadOnlyList<MediaUploadResult> results)
    {
        var ids = results.Where(r => r.Asset is not null).Select(r => r.Asset!.Id).ToList();
        var failures = results.Where(r => r.Asset is null).Select(r => (r.FileName, r.Error?.Message ?? "failed")).ToList();
        _lastUpload = new UploadSummary(ids, failures);
        Announce($"Uploaded {Plural(ids.Count, "file")}" + (failures.Count > 0 ? $", {failures.Count} failed" : ""));
        await GuardAsync(() => LoadPageAsync(keepSelection: true));
    }

    private async Task OpenDetailsAsync(MediaAsset asset)
    {
        await GuardAsync(async () =>
        {
            var current = asset.IsDeleted ? asset : await Store.FindAsync(asset.Id) ?? asset;
            _details = current;
            _detailError = null;
            _copied = false;
            _form.FileName = current.FileName;
            _form.Title = current.Title ?? "";
            _form.AltText = current.AltText ?? "";
            _form.Tags = string.Join(", ", current.Tags);
            _detailUrl = current.IsDeleted ? null : (await Urls.GetUrlAsync(current))?.Url;
            _detailVariants = [];
            foreach (var variant in current.Variants.OrderBy(v => v.Width ?? int.MaxValue).ThenBy(v => v.Name, StringComparer.Ordinal))
            {
                _detailVariants.Add((variant, current.IsDeleted ? null : (await Urls.GetUrlAsync(current, variant.Name))?.Url));
            }

            var uses = await Usages.FindUsesAsync(current.Id, null, UsesPageSize);
            _detailUses = [.. uses.Items];
            _detailUsesCursor = uses.NextCursor;
            _returnFocusTo = OpenId(current.Id);
            _focusDetails = true;
        });
    }

    private Task LoadMoreUsesAsync() => GuardAsync(async () =>
    {
        if (_details is null || _detailUsesCursor is null)
        {
            return;
        }

        var uses = await Usages.FindUsesAsync(_details.Id, _detailUsesCursor, UsesPageSize);
        _detailUses.AddRange(uses.Items);
        _detailUsesCursor = uses.NextCursor;
    });

    private Task CloseDetailsAsync()
    {
        CloseDetailsCore();
        return Task.CompletedTask;
    }

    private void CloseDetailsCore()
    {
        if (_details is not null)
        {
            _returnFocusTo ??= OpenId(_details.Id);
        }

        _details = null;
        _focusDetails = false;
    }

    private Task OnDetailsKeyDownAsync(KeyboardEventArgs e)
    {
        if (e.Key == "Escape")
        {
            CloseDetailsCore();
        }

        return Task.CompletedTask;
    }

    private async Task SaveDetailsAsync()
    {
        if (_details is not { } details)
        {
            return;
        }

        if (!await IsAllowedAsync(await UserAsync(), MediaKitPolicies.Manage))
        {
            _detailError = "Refused: you may not edit files.";
            return;
        }

        await GuardAsync(async () =>
        {
            try
            {
                var tags = _form.Tags.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
                var changed = await Store.UpdateAsync(details.Id, new MediaAssetChanges
                {
                    FileName = _form.FileName.Trim(),
                    Title = _form.Title.Trim(),
                    AltText = _form.AltText.Trim(),
                    Tags = tags,
                });
                if (changed is null)
                {
                    _detailError = $"{details.FileName} no longer exists.";
                    return;
                }

                _detailError = null;
                _details = changed;
                var index = _items.FindIndex(a => a.Id == changed.Id);
                if (index >= 0)
                {
                    _items[index] = changed;
                }

                Announce($"Saved {changed.FileName}");
            }
            catch (MediaException ex)
            {
                _detailError = $"Not saved: {ex.Message}";
            }
        });
    }

    private async Task CopyUrlAsync()
    {
        if (_detailUrl is null)
        {
            return;
        }

        var copied = await TryJsAsync(async () => await (await ModuleAsync()).InvokeVoidAsync("copyText", _detailUrl));
        _copied = copied;
        Announce(copied ? "Copied" : "Copying failed: select the URL and copy it");
    }

    private MediaQuery BuildQuery()
    {
        var (sortBy, descending) = _sort switch
        {
            "oldest" => (MediaSortBy.CreatedAt, false),
            "name" => (MediaSortBy.FileName, false),
            "size" => (MediaSortBy.Length, true),
            _ => (MediaSortBy.CreatedAt, true),
        };
        return new MediaQuery
        {
            Search = string.IsNullOrWhiteSpace(_search) ? null : _search.Trim(),
            Collection = _collectionFilter.Length == 0 ? null : _collectionFilter,
            Kind = Enum.TryParse<MediaKind>(_kindFilter, out var kind) ? kind : null,
            Trash = _trash,
            SortBy = sortBy,
            Descending = descending,
            Limit = Math.Clamp(UiOptions.Value.PageSize, 1, MediaQuery.MaxLimit),
        };
    }

    private async Task LoadPageAsync(bool keepSelection = false)
    {
        var query = BuildQuery();
        var page = await Store.QueryAsync(query);

        // Cursor pages carry no total; a page-number query of one item counts (up to TotalCountLimit) cheaply.
        var count = await Store.QueryAsync(query with { Page = 1, Limit = 1 });
        _items = [.. page.Items];
        _nextCursor = page.NextCursor;
        _total = count.TotalCount;
        _totalExact = count.TotalIsExact;
        if (keepSelection)
        {
            _selected.IntersectWith(_items.Select(a => a.Id));
        }
        else
        {
            _selected.Clear();
        }

        await LoadUsageCountsAsync();
    }

    private async Task LoadUsageCountsAsync()
        => _usageCounts = _items.Count == 0 ? new Dictionary<Guid, int>() : await Usages.CountAsync([.. _items.Select(a => a.Id)]);

    private async Task LoadPendingAsync()
    {
        var page = await Review.ListPendingAsync(null, null, Math.Clamp(UiOptions.Value.PageSize, 1, MediaQuery.MaxLimit));
        _pending = [.. page.Items];
        _pendingMore = page.NextCursor is not null;
    }

    /// <summary>Runs store work one piece at a time (a circuit's DbContext allows no overlap) and shows typed errors.</summary>
    private async Task GuardAsync(Func<Task> work)
    {
        await _gate.WaitAsync();
        try
        {
            _error = null;
            await work();
        }
        catch (MediaException ex)
        {
            _error = ex.Message;
            Announce(ex.Message);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<ClaimsPrincipal> UserAsync()
    {
        var user = AuthenticationState is null ? new ClaimsPrincipal(new ClaimsIdentity()) : (await AuthenticationState).User;

        // The circuit handler keeps MediaKitUser current; setting it here too covers prerendering and hosts without it.
        Services.GetService<MediaKitUser>()?.SetUser(user);
        return user;
    }

    private async Task<bool> IsAllowedAsync(ClaimsPrincipal user, string policy)
        => user.Identity?.IsAuthenticated == true && (await Authorization.AuthorizeAsync(user, policy)).Succeeded;

    private async Task<bool> IsReviewerAsync(ClaimsPrincipal user)
    {
        if (await IsAllowedAsync(user, MediaKitPolicies.Approve))
        {
            return true;
        }

        return user.Identity?.IsAuthenticated == true
            && Services.GetService<IMediaReviewerAccessor>() is { } reviewer
            && await reviewer.IsReviewerAsync();
    }

    private async Task<IJSObjectReference> ModuleAsync()
        => _module ??= await JS.InvokeAsync<IJSObjectReference>("import", "./_content/MediaKit.Ui/library.js");

    private static async Task<bool> TryJsAsync(Func<Task> call)
    {
        try
        {
            await call();
            return true;
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or InvalidOperationException or TaskCanceledException)
        {
            return false;
        }
    }

    private void Announce(string message) => _announcement = message;

    private string NameOf(Guid id)
        => _items.FirstOrDefault(a => a.Id == id)?.FileName ?? (_details?.Id == id ? _details.FileName : null) ?? id.ToString();

    private string OpenId(Guid id) => $"{_id}-open-{id:N}";

    private IEnumerable<(string Href, int Index, int Count)> CsvLinks(IEnumerable<Guid> ids)
    {
        var chunks = ids.Chunk(MaxIdsPerCsvLink).ToList();
        var path = UiOptions.Value.ApiPath.TrimEnd('/');
        for (var i = 0; i < chunks.Count; i++)
        {
            yield return ($"{path}/export.csv?ids={string.Join(',', chunks[i].Select(id => id.ToString("D")))}", i + 1, chunks.Count);
        }
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count.ToString("N0", CultureInfo.CurrentCulture)} {noun}s";

    private static string? Dimensions(MediaAsset asset)
        => asset.Width is { } w && asset.Height is { } h ? $"{w} × {h}" : null;

    private static string Meta(MediaAsset asset)
        => Dimensions(asset) is { } dimensions ? $"{dimensions} · {FormatSize(asset.Length)}" : FormatSize(asset.Length);

    private static string Tooltip(MediaAsset asset) => $"{asset.FileName} ({Meta(asset)})";

    private static string Extension(MediaAsset asset)
    {
        var dot = asset.FileName.LastIndexOf('.');
        return dot >= 0 && dot < asset.FileName.Length - 1 ? asset.FileName[(dot + 1)..].ToUpperInvariant() : asset.Kind.ToString().ToUpperInvariant();
    }

    private static string StatusText(MediaAssetStatus status) => status switch
    {
        MediaAssetStatus.PendingReview => "Pending review",
        MediaAssetStatus.Rejected => "Rejected",
        _ => "Ready",
    };

    internal static string FormatSize(long bytes)
    {
        string[] units = ["KB", "MB", "GB", "TB"];
        if (bytes < 1024)
        {
            return $"{bytes} B";
        }

        double value = bytes;
        var unit = -1;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return $"{value.ToString(value < 10 ? "0.#" : "0", CultureInfo.CurrentCulture)} {units[unit]}";
    }

    private static string FormatDate(DateTimeOffset value)
        => value.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private sealed record Refusal(Guid Id, string FileName, IReadOnlyList<MediaUsage> Usages, int Total);

    private sealed record UploadSummary(IReadOnlyList<Guid> Ids, IReadOnlyList<(string FileName, string Message)> Failures);

    private sealed class DetailsForm
    {
        public string FileName { get; set; } = "";

        public string Title { get; set; } = "";

        public string AltText { get; set; } = "";

        public string Tags { get; set; } = "";
    }
}
