using System.Collections.Concurrent;

namespace MediaKit.Samples.Store.Data.Scenarios;

/// <summary>A reviewer's decision on a file, as the live conversation pages receive it (seed 003, issue 6).</summary>
/// <param name="TenantId">The organization of the file.</param>
/// <param name="AssetId">The file.</param>
/// <param name="Status">The file's new review state: <see cref="MediaAssetStatus.Ready"/> or <see cref="MediaAssetStatus.Rejected"/>.</param>
/// <param name="Note">The reviewer's note (the reason of a rejection).</param>
public sealed record ReviewDecision(string TenantId, Guid AssetId, MediaAssetStatus Status, string? Note);

/// <summary>
/// An in-process publisher of review decisions, per organization: open conversation pages subscribe and update their badges
/// when a reviewer approves or rejects a file. A singleton; with several app instances a real app would put a backplane
/// (Redis, PostgreSQL NOTIFY) behind it.
/// </summary>
public sealed class ReviewNotifier
{
    private readonly ConcurrentDictionary<string, Subscription[]> _subscribers = new(StringComparer.Ordinal);

    /// <summary>Subscribes to the decisions of one organization; dispose the result to unsubscribe.</summary>
    /// <param name="tenantId">The organization.</param>
    /// <param name="handler">Called for each decision, on the publisher's thread (a component marshals with <c>InvokeAsync</c>).</param>
    public IDisposable Subscribe(string tenantId, Func<ReviewDecision, Task> handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = new Subscription(this, tenantId, handler);
        _subscribers.AddOrUpdate(tenantId, _ => [subscription], (_, list) => [.. list, subscription]);
        return subscription;
    }

    /// <summary>Delivers a decision to every subscriber of its organization. A failing subscriber does not stop the others.</summary>
    /// <param name="decision">The decision.</param>
    public async Task PublishAsync(ReviewDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (!_subscribers.TryGetValue(decision.TenantId, out var list))
        {
            return;
        }

        foreach (var subscription in list)
        {
            try
            {
                await subscription.Handler(decision);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A page that went away mid-update must not keep the others from hearing about the decision.
            }
        }
    }

    /// <summary>How many subscribers an organization has (for tests and diagnostics).</summary>
    public int SubscriberCount(string tenantId) => _subscribers.TryGetValue(tenantId, out var list) ? list.Length : 0;

    private void Unsubscribe(Subscription subscription)
    {
        // Copy-on-write lists: publishing never locks, and a page that leaves while a decision is delivered is safe.
        while (_subscribers.TryGetValue(subscription.TenantId, out var list))
        {
            var remaining = Array.FindAll(list, s => !ReferenceEquals(s, subscription));
            if (remaining.Length == 0
                ? _subscribers.TryRemove(new KeyValuePair<string, Subscription[]>(subscription.TenantId, list))
                : _subscribers.TryUpdate(subscription.TenantId, remaining, list))
            {
                return;
            }
        }
    }

    private sealed class Subscription(ReviewNotifier notifier, string tenantId, Func<ReviewDecision, Task> handler) : IDisposable
    {
        private int _disposed;

        public string TenantId => tenantId;

        public Func<ReviewDecision, Task> Handler => handler;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                notifier.Unsubscribe(this);
            }
        }
    }
}

/// <summary>Passes MediaKit's review events (approved, rejected) to the <see cref="ReviewNotifier"/>.</summary>
public sealed class ReviewNotificationHandler(ReviewNotifier notifier) : IMediaEventHandler
{
    /// <inheritdoc />
    public Task HandleAsync(MediaEvent mediaEvent, CancellationToken cancellationToken) => mediaEvent switch
    {
        MediaAssetApproved approved => notifier.PublishAsync(new ReviewDecision(approved.TenantId, approved.AssetId, MediaAssetStatus.Ready, approved.Note)),
        MediaAssetRejected rejected => notifier.PublishAsync(new ReviewDecision(rejected.TenantId, rejected.AssetId, MediaAssetStatus.Rejected, rejected.Note)),
        _ => Task.CompletedTask,
    };
}
