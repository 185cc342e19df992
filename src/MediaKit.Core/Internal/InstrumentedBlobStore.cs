using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using MediaKit.Storage;

namespace MediaKit.Internal;

/// <summary>
/// The <see cref="IMediaBlobStores"/> that <c>AddMediaKit</c> registers: every store it hands out is wrapped in an
/// <see cref="InstrumentedBlobStore"/>, so every blob store call MediaKit makes is traced and measured, whatever the provider.
/// </summary>
internal sealed class InstrumentedBlobStores(MediaBlobStores inner) : IMediaBlobStores
{
    private readonly ConcurrentDictionary<string, IMediaBlobStore> _stores = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Names => inner.Names;

    public string UploadStore => inner.UploadStore;

    public IMediaBlobStore Get(string name) => _stores.GetOrAdd(name, static (n, stores) => InstrumentedBlobStore.Wrap(stores.Get(n), n), inner);
}

/// <summary>
/// A decorator that records every call of the store it wraps: an activity <c>mediakit.storage.{operation}</c> and the
/// <c>mediakit.storage.operation.duration</c> and <c>.errors</c> instruments. It changes nothing else: results and exceptions pass
/// through unchanged.
/// </summary>
internal class InstrumentedBlobStore : IMediaBlobStore
{
    private readonly IMediaBlobStore _inner;
    private readonly string _name;

    protected InstrumentedBlobStore(IMediaBlobStore inner, string name)
    {
        _inner = inner;
        _name = name;
    }

    /// <summary>The wrapped store.</summary>
    public IMediaBlobStore Inner => _inner;

    /// <summary>Wraps <paramref name="store"/>, keeping <see cref="IMediaBlobStoreMaintenance"/> visible when the store implements it.</summary>
    public static IMediaBlobStore Wrap(IMediaBlobStore store, string name) => store switch
    {
        InstrumentedBlobStore => store,
        IMediaBlobStoreMaintenance => new Maintainable(store, name),
        _ => new InstrumentedBlobStore(store, name),
    };

    /// <summary>The store under any number of instrumentation wrappers.</summary>
    public static IMediaBlobStore Unwrap(IMediaBlobStore store)
    {
        while (store is InstrumentedBlobStore instrumented)
        {
            store = instrumented._inner;
        }

        return store;
    }

    public Task<BlobInfo> WriteAsync(string key, Stream content, BlobWriteOptions options, CancellationToken cancellationToken)
        => MeasureAsync("write", key, () => _inner.WriteAsync(key, content, options, cancellationToken));

    public Task<Stream?> OpenReadAsync(string key, BlobRange? range, CancellationToken cancellationToken)
        => MeasureAsync("read", key, () => _inner.OpenReadAsync(key, range, cancellationToken));

    public Task<BlobInfo?> GetInfoAsync(string key, CancellationToken cancellationToken)
        => MeasureAsync("info", key, () => _inner.GetInfoAsync(key, cancellationToken));

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken)
        => MeasureAsync("delete", key, () => _inner.DeleteAsync(key, cancellationToken));

    public async IAsyncEnumerable<BlobInfo> ListAsync(string? prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var activity = MediaTelemetry.StartStorage("list", _name, null);
        var started = Stopwatch.GetTimestamp();
        await using var items = _inner.ListAsync(prefix, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            BlobInfo item;
            try
            {
                if (!await items.MoveNextAsync())
                {
                    break;
                }

                item = items.Current;
            }
            catch (Exception ex)
            {
                MediaTelemetry.StorageDone(activity, "list", _name, started, ex);
                throw;
            }

            yield return item;
        }

        MediaTelemetry.StorageDone(activity, "list", _name, started, null);
    }

    protected async Task<T> MeasureAsync<T>(string operation, string? key, Func<Task<T>> call)
    {
        using var activity = MediaTelemetry.StartStorage(operation, _name, key);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await call();
            MediaTelemetry.StorageDone(activity, operation, _name, started, null);
            return result;
        }
        catch (Exception ex)
        {
            MediaTelemetry.StorageDone(activity, operation, _name, started, ex);
            throw;
        }
    }

    private sealed class Maintainable(IMediaBlobStore inner, string name) : InstrumentedBlobStore(inner, name), IMediaBlobStoreMaintenance
    {
        public Task<int> RemoveAbandonedWritesAsync(DateTimeOffset startedBefore, CancellationToken cancellationToken)
            => MeasureAsync("remove_abandoned", null, () => ((IMediaBlobStoreMaintenance)Inner).RemoveAbandonedWritesAsync(startedBefore, cancellationToken));
    }
}

/// <summary>The store probe behind the storage health check.</summary>
internal static class MediaBlobStoreProbe
{
    /// <summary>A key no blob uses (keys MediaKit generates start with a year), looked up by stores without <see cref="IMediaBlobStoreHealth"/>.</summary>
    internal const string SentinelKey = "mediakit-health/sentinel";

    /// <summary>Checks <paramref name="store"/>: through <see cref="IMediaBlobStoreHealth"/> when it implements it, otherwise by an existence check.</summary>
    /// <exception cref="Exception">The store is not usable.</exception>
    public static async Task CheckAsync(IMediaBlobStore store, CancellationToken cancellationToken)
    {
        var inner = InstrumentedBlobStore.Unwrap(store);
        if (inner is IMediaBlobStoreHealth health)
        {
            await health.CheckHealthAsync(cancellationToken);
            return;
        }

        await store.GetInfoAsync(SentinelKey, cancellationToken);
    }
}
