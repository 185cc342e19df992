using Microsoft.Extensions.DependencyInjection;

namespace MediaKit.IntegrationTests;

/// <summary>A reviewer accessor a test can switch.</summary>
public sealed class SwitchableReviewer : IMediaReviewerAccessor
{
    public bool IsReviewer { get; set; }

    public ValueTask<bool> IsReviewerAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(IsReviewer);
}

/// <summary>Records every event it is given.</summary>
public sealed class RecordingHandler : IMediaEventHandler
{
    private readonly List<MediaEvent> _events = [];

    public IReadOnlyList<MediaEvent> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public Task HandleAsync(MediaEvent mediaEvent, CancellationToken cancellationToken)
    {
        lock (_events)
        {
            _events.Add(mediaEvent);
        }

        return Task.CompletedTask;
    }
}

/// <summary>A handler that always fails, as a broken notification or webhook would.</summary>
public sealed class ThrowingHandler : IMediaEventHandler
{
    public Task HandleAsync(MediaEvent mediaEvent, CancellationToken cancellationToken) => throw new InvalidOperationException("The notification service is down.");
}

/// <summary>A host with seed 003's chat collection, a switchable reviewer and recorded events.</summary>
public static class SeedThreeHost
{
    public static Task<MediaKitHost> StartAsync(long? quota = null, Action<MediaKitOptions>? configure = null, bool throwingHandlerFirst = false)
    {
        var recorder = new RecordingHandler();
        var reviewer = new SwitchableReviewer();
        return MediaKitHost.StartAsync(
            configure: o =>
            {
                o.Collections.Add("chat", c =>
                {
                    c.AcceptImages().Accept("application/pdf");
                    c.RequireApproval("application/*");
                    c.QuotaPerOwner = quota;
                    c.Private();
                });
                o.Signing.Keys["k1"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
                configure?.Invoke(o);
            },
            configureServices: s =>
            {
                s.AddSingleton(reviewer);
                s.AddSingleton<IMediaReviewerAccessor>(reviewer);
                s.AddSingleton(recorder);
                if (throwingHandlerFirst)
                {
                    s.AddSingleton<IMediaEventHandler, ThrowingHandler>();
                }

                s.AddSingleton<IMediaEventHandler>(recorder);
            });
    }

    public static SwitchableReviewer Reviewer(this MediaKitHost host) => host.Services.GetRequiredService<SwitchableReviewer>();

    public static RecordingHandler Events(this MediaKitHost host) => host.Services.GetRequiredService<RecordingHandler>();

    public static async Task<T> WithAsync<TService, T>(this MediaKitHost host, Func<TService, Task<T>> action)
        where TService : notnull
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public static byte[] Pdf(int length = 3000)
    {
        var bytes = TestFiles.Filler(length);
        "%PDF-1.7\n"u8.CopyTo(bytes);
        return bytes;
    }

    public static Task<MediaAsset> UploadAsync(this MediaKitHost host, string owner, byte[] bytes, string? fileName = null, string collection = "chat")
    {
        fileName ??= bytes.AsSpan().StartsWith("%PDF"u8) ? "a.pdf" : "a.png";
        return host.WithStoreAsync(s => s.UploadAsync(new MediaUploadRequest(collection, fileName, new MemoryStream(bytes)) { UploadedBy = owner }));
    }
}
