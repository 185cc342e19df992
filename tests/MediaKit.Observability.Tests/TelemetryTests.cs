using System.Diagnostics;
using MediaKit.Diagnostics;
using MediaKit.Storage;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MediaKit.Observability.Tests;

/// <summary>
/// Uploads watched by the OpenTelemetry SDK with its in-memory exporters, subscribed by the names a host would use. The
/// meter and activity source are process-wide, so each test uses a collection of its own and filters on it.
/// </summary>
public sealed class TelemetryTests : IDisposable
{
    private readonly List<Activity> _activities = [];
    private readonly List<MetricSnapshot> _metrics = [];
    private readonly TracerProvider _tracing;
    private readonly MeterProvider _meters;

    public TelemetryTests()
    {
        _tracing = Sdk.CreateTracerProviderBuilder().AddSource(MediaKitDiagnostics.ActivitySourceName).AddInMemoryExporter(_activities).Build();
        _meters = Sdk.CreateMeterProviderBuilder().AddMeter(MediaKitDiagnostics.MeterName).AddInMemoryExporter(_metrics).Build();
    }

    [Fact]
    public async Task An_upload_is_traced_and_counted_with_its_bytes_duration_and_storage_write()
    {
        await using var host = await TestHost.StartAsync(configure: o => o.Collections.Add("otel-stored", c => c.AcceptImages()));

        var asset = await host.WithStoreAsync(s => s.UploadAsync(new MediaUploadRequest("otel-stored", "dot.png", new MemoryStream(TestFiles.Png))));
        _tracing.ForceFlush();
        _meters.ForceFlush();

        var upload = Assert.Single(_activities, a => a.OperationName == "mediakit.upload" && Tag(a, MediaKitDiagnostics.Tags.AssetId) is Guid id && id == asset.Id);
        Assert.Equal("otel-stored", Tag(upload, MediaKitDiagnostics.Tags.Collection));
        Assert.Equal("image", Tag(upload, MediaKitDiagnostics.Tags.Kind));
        Assert.Equal((long)TestFiles.Png.Length, Tag(upload, MediaKitDiagnostics.Tags.Length));
        Assert.Equal(ActivityStatusCode.Unset, upload.Status);

        // The storage write is a child of the upload, on the default store, under the generated key.
        var write = Assert.Single(_activities, a => a.OperationName == "mediakit.storage.write" && a.ParentSpanId == upload.SpanId);
        Assert.Equal(asset.StorageKey, Tag(write, MediaKitDiagnostics.Tags.StorageKey));
        Assert.Equal(MediaStorageOptions.DefaultStoreName, Tag(write, MediaKitDiagnostics.Tags.StoreName));
        Assert.DoesNotContain(_activities.SelectMany(a => a.TagObjects), t => t.Value is string s && s.Contains("dot.png", StringComparison.Ordinal));

        var collection = (MediaKitDiagnostics.Tags.Collection, (object)"otel-stored");
        Assert.Equal(1, Sum(MediaKitDiagnostics.Instruments.Uploads, collection, (MediaKitDiagnostics.Tags.Kind, "image")));
        Assert.Equal(TestFiles.Png.Length, Sum(MediaKitDiagnostics.Instruments.UploadBytes, collection));
        Assert.Equal(1, Count(MediaKitDiagnostics.Instruments.UploadDuration, collection, (MediaKitDiagnostics.Tags.Outcome, "stored")));
        Assert.True(Count(MediaKitDiagnostics.Instruments.StorageOperationDuration, (MediaKitDiagnostics.Tags.StorageOperation, "write"), (MediaKitDiagnostics.Tags.StoreName, MediaStorageOptions.DefaultStoreName)) >= 1);
        Assert.Equal(0, Sum(MediaKitDiagnostics.Instruments.UploadRejections, collection));
    }

    [Fact]
    public async Task A_rejected_upload_is_counted_by_its_error_code_and_marks_the_activity_as_failed()
    {
        await using var host = await TestHost.StartAsync(configure: o => o.Collections.Add("otel-rejected", c => c.AcceptImages()));

        var error = await Assert.ThrowsAnyAsync<MediaException>(() => host.WithStoreAsync(s => s.UploadAsync(new MediaUploadRequest("otel-rejected", "photo.jpg", new MemoryStream(TestFiles.Php)))));
        _tracing.ForceFlush();
        _meters.ForceFlush();

        var collection = (MediaKitDiagnostics.Tags.Collection, (object)"otel-rejected");
        Assert.Equal(1, Sum(MediaKitDiagnostics.Instruments.UploadRejections, collection, (MediaKitDiagnostics.Tags.ErrorType, error.Code)));
        Assert.Equal(1, Count(MediaKitDiagnostics.Instruments.UploadDuration, collection, (MediaKitDiagnostics.Tags.Outcome, "rejected"), (MediaKitDiagnostics.Tags.ErrorType, error.Code)));
        Assert.Equal(0, Sum(MediaKitDiagnostics.Instruments.Uploads, collection));

        var upload = Assert.Single(_activities, a => a.OperationName == "mediakit.upload" && Equals(Tag(a, MediaKitDiagnostics.Tags.Collection), "otel-rejected"));
        Assert.Equal(ActivityStatusCode.Error, upload.Status);
        Assert.Equal(error.Code, Tag(upload, MediaKitDiagnostics.Tags.ErrorType));
    }

    [Fact]
    public async Task A_collection_name_that_is_not_configured_is_tagged_as_unknown_so_clients_cannot_inflate_the_tags()
    {
        await using var host = await TestHost.StartAsync();

        await Assert.ThrowsAsync<MediaCollectionNotFoundException>(() => host.WithStoreAsync(s => s.UploadAsync(new MediaUploadRequest("otel-made-up-by-a-client", "dot.png", new MemoryStream(TestFiles.Png)))));
        _meters.ForceFlush();

        Assert.Equal(0, Sum(MediaKitDiagnostics.Instruments.UploadRejections, (MediaKitDiagnostics.Tags.Collection, "otel-made-up-by-a-client")));
        Assert.True(Sum(MediaKitDiagnostics.Instruments.UploadRejections, (MediaKitDiagnostics.Tags.Collection, "_unknown"), (MediaKitDiagnostics.Tags.ErrorType, MediaErrorCodes.UnknownCollection)) >= 1);
    }

    [Fact]
    public async Task A_failing_store_call_is_counted_as_a_storage_error_of_its_operation_and_store()
    {
        await using var host = await TestHost.StartAsync(useStorage: b => b
            .UseFileSystemStorage(o => o.RootPath = Path.Combine(Path.GetTempPath(), "mediakit-obs-" + Guid.NewGuid().ToString("N")))
            .AddBlobStore("otel-broken", _ => new BrokenStore()));
        var store = host.Services.GetRequiredService<IMediaBlobStores>().Get("otel-broken");

        await Assert.ThrowsAsync<IOException>(() => store.WriteAsync("2026/01/x/original-v1.png", new MemoryStream(TestFiles.Png), new BlobWriteOptions(), CancellationToken.None));
        await Assert.ThrowsAsync<IOException>(async () => await store.ListAsync(null, CancellationToken.None).ToListAsync());
        _tracing.ForceFlush();
        _meters.ForceFlush();

        var broken = (MediaKitDiagnostics.Tags.StoreName, (object)"otel-broken");
        var io = (MediaKitDiagnostics.Tags.ErrorType, (object)typeof(IOException).FullName!);
        Assert.Equal(1, Sum(MediaKitDiagnostics.Instruments.StorageErrors, broken, (MediaKitDiagnostics.Tags.StorageOperation, "write"), io));
        Assert.Equal(1, Sum(MediaKitDiagnostics.Instruments.StorageErrors, broken, (MediaKitDiagnostics.Tags.StorageOperation, "list"), io));
        Assert.Equal(1, Count(MediaKitDiagnostics.Instruments.StorageOperationDuration, broken, (MediaKitDiagnostics.Tags.StorageOperation, "write"), io));
        Assert.Contains(_activities, a => a.OperationName == "mediakit.storage.write" && a.Status == ActivityStatusCode.Error && Equals(Tag(a, MediaKitDiagnostics.Tags.StoreName), "otel-broken"));
    }

    [Fact]
    public async Task A_cleanup_run_is_traced_and_counted()
    {
        await using var host = await TestHost.StartAsync();

        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMediaCleanup>().RunAsync();
        }

        _tracing.ForceFlush();
        _meters.ForceFlush();
        Assert.Contains(_activities, a => a.OperationName == "mediakit.cleanup");
        Assert.True(Sum(MediaKitDiagnostics.Instruments.CleanupRuns, (MediaKitDiagnostics.Tags.Outcome, "completed")) >= 1);
        Assert.True(Count(MediaKitDiagnostics.Instruments.CleanupDuration, (MediaKitDiagnostics.Tags.Outcome, "completed")) >= 1);
    }

    [Fact]
    public void Variant_generation_time_is_recorded_on_the_public_histogram()
    {
        MediaKitDiagnostics.RecordVariantGeneration(TimeSpan.FromMilliseconds(250), "otel-variants", "vips");
        MediaKitDiagnostics.RecordVariantGeneration(TimeSpan.FromMilliseconds(50), "otel-variants", "vips", MediaErrorCodes.ProcessingFailed);
        _meters.ForceFlush();

        var variants = (MediaKitDiagnostics.Tags.Collection, (object)"otel-variants");
        Assert.Equal(2, Count(MediaKitDiagnostics.Instruments.VariantDuration, variants, (MediaKitDiagnostics.Tags.Processor, "vips")));
        Assert.Equal(1, Count(MediaKitDiagnostics.Instruments.VariantDuration, variants, (MediaKitDiagnostics.Tags.ErrorType, MediaErrorCodes.ProcessingFailed)));
        Assert.Equal(0.3, HistogramSum(MediaKitDiagnostics.Instruments.VariantDuration, variants, (MediaKitDiagnostics.Tags.Processor, "vips")), 3);
    }

    public void Dispose()
    {
        _tracing.Dispose();
        _meters.Dispose();
    }

    private static object? Tag(Activity activity, string name) => activity.GetTagItem(name);

    /// <summary>The points of the latest export of <paramref name="instrument"/> carrying every tag given (and possibly more).</summary>
    private IEnumerable<MetricPoint> Points(string instrument, params (string Key, object Value)[] tags)
    {
        var latest = _metrics.LastOrDefault(m => m.Name == instrument);
        if (latest is null)
        {
            yield break;
        }

        foreach (var point in latest.MetricPoints)
        {
            var pointTags = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var tag in point.Tags)
            {
                pointTags[tag.Key] = tag.Value;
            }

            if (tags.All(t => pointTags.TryGetValue(t.Key, out var value) && Equals(value, t.Value)))
            {
                yield return point;
            }
        }
    }

    private long Sum(string instrument, params (string Key, object Value)[] tags) => Points(instrument, tags).Sum(p => p.GetSumLong());

    private long Count(string instrument, params (string Key, object Value)[] tags) => Points(instrument, tags).Sum(p => p.GetHistogramCount());

    private double HistogramSum(string instrument, params (string Key, object Value)[] tags) => Points(instrument, tags).Sum(p => p.GetHistogramSum());

    private sealed class BrokenStore : IMediaBlobStore
    {
        public Task<BlobInfo> WriteAsync(string key, Stream content, BlobWriteOptions options, CancellationToken cancellationToken) => throw new IOException("disk on fire");

        public Task<Stream?> OpenReadAsync(string key, BlobRange? range, CancellationToken cancellationToken) => throw new IOException("disk on fire");

        public Task<BlobInfo?> GetInfoAsync(string key, CancellationToken cancellationToken) => throw new IOException("disk on fire");

        public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken) => throw new IOException("disk on fire");

        public async IAsyncEnumerable<BlobInfo> ListAsync(string? prefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            throw new IOException("disk on fire");
#pragma warning disable CS0162 // an iterator needs a yield
            yield break;
#pragma warning restore CS0162
        }
    }
}
