using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MediaKit.Internal;

/// <summary>
/// Signed URLs until shortly before they expire: in the host's <see cref="IDistributedCache"/> when it registers one,
/// else in a bounded in-process dictionary. Freshness is judged by <see cref="TimeProvider"/>, never by the cache alone.
/// </summary>
internal sealed partial class MediaUrlCache
{
    /// <summary>The most entries the in-process cache holds before it drops stale ones (and, if still full, all).</summary>
    internal const int MaxLocalEntries = 10_000;

    private static readonly TimeSpan s_safetyMargin = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Entry> _local = new(StringComparer.Ordinal);
    private readonly IDistributedCache? _distributed;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public MediaUrlCache(IServiceProvider services, TimeProvider time, ILogger<MediaUrlCache>? logger = null)
    {
        _distributed = services.GetService<IDistributedCache>();
        _time = time;
        _logger = logger ?? NullLogger<MediaUrlCache>.Instance;
    }

    /// <summary>How long a URL with <paramref name="remaining"/> life left may be handed out again: 90 % of its remaining life, ending at least 30 seconds before it expires.</summary>
    internal static TimeSpan Window(TimeSpan remaining)
    {
        var window = TimeSpan.FromTicks(Math.Min((remaining * 0.9).Ticks, (remaining - s_safetyMargin).Ticks));
        return window > TimeSpan.Zero ? window : TimeSpan.Zero;
    }

    public async ValueTask<MediaUrl?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        Entry? entry = null;
        if (_distributed is null)
        {
            _local.TryGetValue(key, out entry);
        }
        else
        {
            try
            {
                entry = Entry.Parse(await _distributed.GetAsync(key, cancellationToken));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The cache only saves work: when it is down, sign again rather than fail the request.
                Log.CacheFailed(_logger, ex);
            }
        }

        return entry is not null && entry.FreshUntil > now ? entry.Url : null;
    }

    public async ValueTask SetAsync(string key, MediaUrl url, CancellationToken cancellationToken)
    {
        if (url.ExpiresAt is not { } expiresAt)
        {
            return;
        }

        var now = _time.GetUtcNow();
        var window = Window(expiresAt - now);
        if (window <= TimeSpan.Zero)
        {
            return;
        }

        var entry = new Entry(url, now + window);
        if (_distributed is null)
        {
            if (_local.Count >= MaxLocalEntries)
            {
                foreach (var (k, e) in _local)
                {
                    if (e.FreshUntil <= now)
                    {
                        _local.TryRemove(k, out _);
                    }
                }

                if (_local.Count >= MaxLocalEntries)
                {
                    _local.Clear();
                }
            }

            _local[key] = entry;
            return;
        }

        try
        {
            await _distributed.SetAsync(key, entry.ToBytes(), new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = window }, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.CacheFailed(_logger, ex);
        }
    }

    private sealed record Entry(MediaUrl Url, DateTimeOffset FreshUntil)
    {
        public byte[] ToBytes()
            => Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{FreshUntil.ToUnixTimeMilliseconds()}\n{Url.ExpiresAt!.Value.ToUnixTimeMilliseconds()}\n{Url.Url}"));

        public static Entry? Parse(byte[]? bytes)
        {
            if (bytes is null)
            {
                return null;
            }

            var parts = Encoding.UTF8.GetString(bytes).Split('\n', 3);
            return parts.Length == 3
                && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var fresh)
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
                ? new Entry(new MediaUrl(parts[2], DateTimeOffset.FromUnixTimeMilliseconds(expires)), DateTimeOffset.FromUnixTimeMilliseconds(fresh))
                : null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1402, Level = LogLevel.Warning, Message = "The distributed cache of signed media URLs failed; the URL is signed again")]
        public static partial void CacheFailed(ILogger logger, Exception exception);
    }
}
