using MediaKit.Storage.FileSystem.Internal;
using MediaKit.Storage.FileSystem.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MediaKit.Storage.FileSystem.Tests;

public sealed class FileSystemStorageOptionsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_defaults_are_a_1_MiB_buffer_and_flushing_to_disk()
    {
        var options = new FileSystemStorageOptions();

        Assert.Equal("", options.RootPath);
        Assert.Equal(1024 * 1024, options.BufferSize);
        Assert.True(options.FlushToDisk);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_RootPath_fails_validation_naming_RootPath(string rootPath)
    {
        using var services = Build(o => o.RootPath = rootPath);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<FileSystemStorageOptions>>().Value);

        Assert.Contains("RootPath", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_RootPath_fails_at_startup()
    {
        using var services = Build(o => o.RootPath = "");

        // IStartupValidator is what the generic host runs before it starts.
        var error = Record.Exception(() => services.GetRequiredService<IStartupValidator>().Validate());

        var failures = error is AggregateException aggregate ? aggregate.InnerExceptions : [error!];
        var failure = Assert.Single(failures.OfType<OptionsValidationException>(), e => e.OptionsType == typeof(FileSystemStorageOptions));
        Assert.Contains("RootPath", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4095)]
    [InlineData((16 * 1024 * 1024) + 1)]
    public void A_BufferSize_outside_4_KiB_to_16_MiB_fails_validation_naming_BufferSize(int bufferSize)
    {
        var result = new FileSystemStorageOptionsValidator().Validate(null, new FileSystemStorageOptions { RootPath = "media", BufferSize = bufferSize });

        Assert.True(result.Failed);
        Assert.Contains("BufferSize", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains(bufferSize.ToString(System.Globalization.CultureInfo.InvariantCulture), result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4096)]
    [InlineData(16 * 1024 * 1024)]
    public void A_BufferSize_of_4_KiB_to_16_MiB_is_valid(int bufferSize)
    {
        var result = new FileSystemStorageOptionsValidator().Validate(null, new FileSystemStorageOptions { RootPath = "media", BufferSize = bufferSize });

        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task A_relative_RootPath_resolves_against_the_content_root()
    {
        using var services = Build(o => o.RootPath = "App_Data/media", new TestHostEnvironment(_folder.Path));
        var store = services.GetRequiredService<IMediaBlobStore>();

        await store.WriteAsync("a/b.bin", new MemoryStream([1, 2, 3]), new BlobWriteOptions(), CancellationToken.None);

        Assert.True(File.Exists(_folder.Combine("App_Data", "media", "a", "b.bin")));
    }

    [Fact]
    public void A_relative_RootPath_resolves_against_the_current_directory_without_a_host()
    {
        Assert.Equal(Path.Combine(Directory.GetCurrentDirectory(), "media"), FileSystemBlobStore.ResolveRoot("media", contentRoot: null));
        Assert.Equal(Path.Combine(Directory.GetCurrentDirectory(), "media"), FileSystemBlobStore.ResolveRoot("./media/", contentRoot: null));
    }

    [Fact]
    public void An_absolute_RootPath_is_used_as_it_is()
    {
        var root = _folder.Combine("media");

        Assert.Equal(root, FileSystemBlobStore.ResolveRoot(root, contentRoot: "/somewhere/else"));
    }

    [Fact]
    public void UseFileSystemStorage_replaces_a_blob_store_chosen_before_and_registers_everything_once()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IMediaBlobStore>(_ => throw new InvalidOperationException("Replaced."));

        services.AddMediaKit(o => o.Collections.Add("x"))
            .UseFileSystemStorage(o => o.RootPath = "one")
            .UseFileSystemStorage(o => o.BufferSize = 64 * 1024);

        var store = Assert.Single(services, d => d.ServiceType == typeof(IMediaBlobStore));
        Assert.Equal(typeof(FileSystemBlobStore), store.ImplementationType);
        Assert.Equal(ServiceLifetime.Singleton, store.Lifetime);
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<FileSystemStorageOptions>));

        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<FileSystemStorageOptions>>().Value;
        Assert.Equal("one", options.RootPath);
        Assert.Equal(64 * 1024, options.BufferSize);
    }

    [Fact]
    public void The_registered_store_removes_abandoned_writes()
    {
        using var services = Build(o => o.RootPath = _folder.Path);

        Assert.IsAssignableFrom<IMediaBlobStoreMaintenance>(services.GetRequiredService<IMediaBlobStore>());
    }

    private static ServiceProvider Build(Action<FileSystemStorageOptions> configure, IHostEnvironment? environment = null)
    {
        var services = new ServiceCollection();
        if (environment is not null)
        {
            services.AddSingleton(environment);
        }

        services.AddMediaKit(o => o.Collections.Add("x")).UseFileSystemStorage(configure);

        // No catalog is registered, so building must not validate MediaKit's own services; nor does this need logging.
        return services.BuildServiceProvider();
    }

    private sealed class TestHostEnvironment(string contentRoot) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";

        public string ApplicationName { get; set; } = "MediaKit.Tests";

        public string ContentRootPath { get; set; } = contentRoot;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
