using Amazon.S3;
using MediaKit.Storage.S3.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MediaKit.Storage.S3.Tests;

/// <summary>Options, validation and registration: none of it needs a server.</summary>
public sealed class S3StorageOptionsTests
{
    [Fact]
    public void The_defaults_are_8_MiB_parts_two_at_a_time_and_conditional_create_only_writes()
    {
        var options = new S3StorageOptions();

        Assert.Equal("", options.BucketName);
        Assert.Equal(8 * 1024 * 1024, options.PartSize);
        Assert.Equal(2, options.MaxConcurrentParts);
        Assert.Equal(S3CreateOnlyStrategy.IfNoneMatch, options.CreateOnly);
        Assert.False(options.CompatibilityMode);
        Assert.False(options.ForcePathStyle);
        Assert.False(options.CreateBucketIfMissing);
    }

    public static TheoryData<string, Action<S3StorageOptions>> InvalidOptions => new()
    {
        { "BucketName must be set", o => o.BucketName = "" },
        { "BucketName 'My_Bucket' is not a valid bucket name", o => o.BucketName = "My_Bucket" },
        { "BucketName 'ab' is not a valid bucket name", o => o.BucketName = "ab" },
        { "KeyPrefix '/media' must not start with '/'", o => o.KeyPrefix = "/media" },
        { "KeyPrefix 'a//b' must be '/'-separated names", o => o.KeyPrefix = "a//b" },
        { "KeyPrefix 'a/../b' must be '/'-separated names", o => o.KeyPrefix = "a/../b" },
        { "ServiceUrl 'minio:9000' must be an absolute http or https URL", o => o.ServiceUrl = "minio:9000" },
        { "Region ' eu-west-1' must be a region system name", o => o.Region = " eu-west-1" },
        { "AccessKey and SecretKey must be set together", o => o.AccessKey = "key" },
        { "AccessKey and SecretKey must be set together", o => o.SecretKey = "secret" },
        { "PartSize must be between 5242880 (5 MiB, the smallest part S3 accepts) and 536870912 (512 MiB) bytes (was 5242879)", o => o.PartSize = (5 * 1024 * 1024) - 1 },
        { "PartSize must be between", o => o.PartSize = (512 * 1024 * 1024) + 1 },
        { "MaxConcurrentParts must be between 1 and 16 (was 0)", o => o.MaxConcurrentParts = 0 },
        { "MaxConcurrentParts must be between 1 and 16 (was 17)", o => o.MaxConcurrentParts = 17 },
        { "CreateOnly must be IfNoneMatch or ExistenceCheck (was 7)", o => o.CreateOnly = (S3CreateOnlyStrategy)7 },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Invalid_options_fail_validation_with_a_message_naming_the_setting(string expected, Action<S3StorageOptions> change)
    {
        var options = Valid();
        change(options);

        var result = new S3StorageOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("MediaKit S3 storage: " + expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Valid_options_pass_validation()
    {
        var options = Valid();
        options.KeyPrefix = "shop-a/media/";
        options.ServiceUrl = "http://127.0.0.1:9000";
        options.Region = "us-east-1";
        options.AccessKey = "key";
        options.SecretKey = "secret";
        options.PartSize = S3StorageOptions.MinPartSize;
        options.MaxConcurrentParts = S3StorageOptions.MaxConcurrentPartsLimit;

        Assert.True(new S3StorageOptionsValidator().Validate(null, options).Succeeded);
        Assert.True(new S3StorageOptionsValidator().Validate(null, Valid()).Succeeded);
    }

    [Fact]
    public void A_missing_BucketName_fails_at_startup()
    {
        using var services = Build(o => o.BucketName = "");

        var error = Record.Exception(() => services.GetRequiredService<IStartupValidator>().Validate());

        var failures = error is AggregateException aggregate ? aggregate.InnerExceptions : [error!];
        var failure = Assert.Single(failures.OfType<OptionsValidationException>(), e => e.OptionsType == typeof(S3StorageOptions));
        Assert.Contains("BucketName", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UseS3Storage_replaces_a_blob_store_chosen_before_and_registers_everything_once()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IMediaBlobStore>(_ => throw new InvalidOperationException("Replaced."));

        services.AddMediaKit(o => o.Collections.Add("x"))
            .UseS3Storage(o => o.BucketName = "media")
            .UseS3Storage(o => o.KeyPrefix = "app");

        var store = Assert.Single(services, d => d.ServiceType == typeof(IMediaBlobStore));
        Assert.Equal(typeof(S3BlobStore), store.ImplementationType);
        Assert.Equal(ServiceLifetime.Singleton, store.Lifetime);
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<S3StorageOptions>));
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<S3StorageOptions>>().Value;
        Assert.Equal(("media", "app"), (options.BucketName, options.KeyPrefix));
    }

    [Fact]
    public void The_store_uses_the_hosts_IAmazonS3_when_one_is_registered_and_does_not_dispose_it()
    {
        using var client = new AmazonS3Client(new Amazon.Runtime.BasicAWSCredentials("a", "b"), new AmazonS3Config { ServiceURL = "http://127.0.0.1:1" });
        var services = new ServiceCollection();
        services.AddSingleton<IAmazonS3>(client);
        services.AddMediaKit(o => o.Collections.Add("x")).UseS3Storage(o => o.BucketName = "media");

        var provider = services.BuildServiceProvider();
        var store = Assert.IsType<S3BlobStore>(provider.GetRequiredService<IMediaBlobStore>());
        Assert.Same(client, store.Client);
        Assert.IsAssignableFrom<IMediaBlobStoreMaintenance>(store);
        provider.Dispose();

        // Still usable: disposing it is the host's business.
        Assert.NotNull(client.Config.ServiceURL);
    }

    [Fact]
    public void Without_a_registered_client_the_store_builds_one_from_the_options()
    {
        using var services = Build(o =>
        {
            o.BucketName = "media";
            o.KeyPrefix = "app/";
            o.ServiceUrl = "http://127.0.0.1:9000";
            o.Region = "eu-west-1";
            o.ForcePathStyle = true;
            o.CompatibilityMode = true;
            o.AccessKey = "key";
            o.SecretKey = "secret";
        });

        var store = Assert.IsType<S3BlobStore>(services.GetRequiredService<IMediaBlobStore>());

        Assert.Equal("app/", store.Prefix);
        var config = Assert.IsType<AmazonS3Config>(store.Client.Config);
        Assert.StartsWith("http://127.0.0.1:9000", config.ServiceURL, StringComparison.Ordinal);
        Assert.Equal("eu-west-1", config.AuthenticationRegion);
        Assert.True(config.ForcePathStyle);
        Assert.Equal(Amazon.Runtime.RequestChecksumCalculation.WHEN_REQUIRED, config.RequestChecksumCalculation);
        Assert.Equal(Amazon.Runtime.ResponseChecksumValidation.WHEN_REQUIRED, config.ResponseChecksumValidation);
    }

    [Fact]
    public void Without_compatibility_mode_the_SDK_checksum_defaults_stay()
    {
        using var client = S3BlobStore.CreateClient(new S3StorageOptions { BucketName = "media", Region = "eu-west-1" });

        Assert.Equal(Amazon.Runtime.RequestChecksumCalculation.WHEN_SUPPORTED, client.Config.RequestChecksumCalculation);
        Assert.Equal(Amazon.RegionEndpoint.EUWest1, client.Config.RegionEndpoint);
    }

    private static S3StorageOptions Valid() => new() { BucketName = "media" };

    private static ServiceProvider Build(Action<S3StorageOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddMediaKit(o => o.Collections.Add("x")).UseS3Storage(configure);
        return services.BuildServiceProvider();
    }
}
