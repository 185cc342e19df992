using System.Collections.Concurrent;
using MediaKit.Catalog;

namespace MediaKit.EfCore.Internal;

/// <summary>
/// The answers of <see cref="EfMediaDeliveryCatalog{TContext}"/>, kept for <see cref="Lifetime"/> so that a file requested many
/// times a second costs one query a second, dropped for an asset as soon as a change to it is saved in this process.
/// </summary>
/// <remarks>
/// <para>
/// Correctness does not rest on removing entries in time: every entry remembers when the query that produced it started, and
/// every saved change records, per asset, when it happened (<see cref="Invalidate"/>). An entry whose query started at or
/// before the asset's last change is never returned, so an answer read just before a commit cannot be put back after the
/// commit dropped the old one. A change saved inside a transaction that this process does not see commit holds the asset out
/// of the cache for <see cref="TransactionHold"/>.
/// </para>
/// <para>
/// Changes saved by other app instances, or written to the tables without going through a <c>DbContext</c> that MediaKit's
/// catalogs use, are seen when the entry expires: after <see cref="Lifetime"/> at the latest (docs/decisions.md, "Delivery
/// lookups").
/// </para>
/// </remarks>
internal sealed class MediaDeliveryCache
{
    /// <summary>How long an answer is served from memory. One second: a hot file costs one query a second per instance.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromSeconds(1);

    /// <summary>How long an asset changed inside an open transaction stays out of the cache, waiting for the commit.</summary>
    public static readonly TimeSpan TransactionHold = TimeSpan.FromSeconds(10);

    /// <summary>The most entries kept; past it, expired entries are swept and, if that is not enough, all are dropped.</summary>
    public const int MaxEntries = 10_000;

    private const int SweepEvery = 1_000;

    private readonly ConcurrentDictionary<Key, Entry> _entries = new();
    private readonly ConcurrentDictionary<Guid, long> _changedAt = new();
    private readonly TimeProvider _time;
    private int _addsSinceSweep;
    private int _changesSincePrune;

    public MediaDeliveryCache(TimeProvider time)
    {
        _time = time;
        Lifetime = DefaultLifetime;
    }

    /// <summary>How long an answer is served from memory; <see cref="TimeSpan.Zero"/> turns the cache off.</summary>
    public TimeSpan Lifetime
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            field = value;
            LifetimeTicks = ToTicks(value);
        }
    }

    private long LifetimeTicks { get; set; }

    /// <summary>The number of entries (for tests; counting locks the whole dictionary).</summary>
    internal int Count => _entries.Count;

    /// <summary>The current time on the cache's clock: take it before the query whose answer is passed to <see cref="Add"/>.</summary>
    public long Now() => _time.GetTimestamp();

    public bool TryGet(string tenantId, Guid assetId, string? variant, out MediaDeliveryFile? file)
    {
        var key = new Key(assetId, tenantId, variant ?? "");
        if (_entries.TryGetValue(key, out var entry))
        {
            if (_time.GetTimestamp() - entry.ReadStartedAt < LifetimeTicks && !ChangedSince(assetId, entry.ReadStartedAt))
            {
                file = entry.File;
                return true;
            }

            _entries.TryRemove(KeyValuePair.Create(key, entry));
        }

        file = null;
        return false;
    }

    /// <summary>Keeps an answer whose query started at <paramref name="readStartedAt"/> (<see cref="Now"/>).</summary>
    public void Add(string tenantId, Guid assetId, string? variant, MediaDeliveryFile file, long readStartedAt)
    {
        if (LifetimeTicks == 0 || ChangedSince(assetId, readStartedAt))
        {
            return;
        }

        if (Interlocked.Increment(ref _addsSinceSweep) >= SweepEvery)
        {
            Sweep();
        }

        _entries[new Key(assetId, tenantId, variant ?? "")] = new Entry(file, readStartedAt);
    }

    /// <summary>
    /// Records that the assets changed now: answers read before this moment are not served again. With
    /// <paramref name="hold"/>, answers read during the next <paramref name="hold"/> are not kept either (an open transaction).
    /// </summary>
    public void Invalidate(IEnumerable<Guid> assetIds, TimeSpan hold)
    {
        var at = _time.GetTimestamp() + ToTicks(hold);
        foreach (var id in assetIds)
        {
            _changedAt.AddOrUpdate(id, static (_, now) => now, static (_, old, now) => Math.Max(old, now), at);
            if (Interlocked.Increment(ref _changesSincePrune) >= SweepEvery)
            {
                PruneChanges();
            }
        }
    }

    private bool ChangedSince(Guid assetId, long readStartedAt)
        => _changedAt.TryGetValue(assetId, out var changedAt) && changedAt >= readStartedAt;

    private void Sweep()
    {
        Volatile.Write(ref _addsSinceSweep, 0);
        var now = _time.GetTimestamp();
        foreach (var (key, entry) in _entries)
        {
            if (now - entry.ReadStartedAt >= LifetimeTicks)
            {
                _entries.TryRemove(KeyValuePair.Create(key, entry));
            }
        }

        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        PruneChanges();
    }

    /// <summary>Forgets changes older than any entry that is still fresh: they can no longer reject anything.</summary>
    private void PruneChanges()
    {
        Volatile.Write(ref _changesSincePrune, 0);
        var oldest = _time.GetTimestamp() - LifetimeTicks;
        foreach (var (id, changedAt) in _changedAt)
        {
            if (changedAt < oldest)
            {
                _changedAt.TryRemove(KeyValuePair.Create(id, changedAt));
            }
        }
    }

    private long ToTicks(TimeSpan value) => (long)(value.TotalSeconds * _time.TimestampFrequency);

    private readonly record struct Key(Guid AssetId, string TenantId, string Variant);

    private sealed record Entry(MediaDeliveryFile File, long ReadStartedAt);
}
