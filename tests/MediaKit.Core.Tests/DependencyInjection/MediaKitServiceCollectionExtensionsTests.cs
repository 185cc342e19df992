using MediaKit.Catalog;
using MediaKit.Core.Tests.TestSupport;
using MediaKit.Internal;
using MediaKit.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MediaKit.Core.Tests.DependencyInjection;

public sealed class MediaKitServiceCollectionExtensionsTests
{
    private static readonly ServiceProviderOptions Strict = new() { ValidateOnBuild = true, ValidateScopes = true };

    /// <summary>Services with MediaKit, a catalog and a blob store, as a host with providers has them.</summary>
    private static ServiceCollection ServicesWithProviders(Action<MediaKitOptions>? configure)
    {
        var services = new ServiceCollection();
        services.AddMediaKit(configure);
        services.AddSingleton<IMediaBlobStore, UnusedBlobStore>();
        services.AddSingleton<IMediaCatalog, UnusedCatalog>();
        services.AddSingleton<IMediaUsageCatalog, UnusedUsageCatalog>();
        services.AddSingleton<IMediaMaintenanceCatalog, UnusedMaintenanceCatalog>();
        services.AddSingleton<IMediaAuditCatalog, UnusedAuditCatalog>();
        services.AddSingleton<IMediaGroupCatalog, UnusedGroupCatalog>();
        return services;
    }

    private static void ValidCollection(MediaKitOptions o) => o.Collections.Add("products", c => c.AcceptImages());

    private static OptionsValidationException ValidationFailure(ServiceCollection services)
    {
        // Not ValidateOnBuild: without providers the graph is incomplete, and the options' own message is under test.
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        return Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<MediaKitOptions>>().Value);
    }

    private static int CountOf<TService>(IServiceCollection services) => services.Count(d => d.ServiceType == typeof(TService));

    [Fact]
    public void AddMediaKit_twice_registers_every_service_once()
    {
        var services = new ServiceCollection();

        services.AddMediaKit(ValidCollection);
        services.AddMediaKit(o => o.DefaultTenantId = "acme");

        Assert.Equal(1, CountOf<IMediaStore>(services));
        Assert.Equal(1, CountOf<IMediaReconciler>(services));
        Assert.Equal(1, CountOf<IMediaTenantAccessor>(services));
        Assert.Equal(1, CountOf<TimeProvider>(services));
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<MediaKitOptions>) && d.ImplementationType == typeof(MediaKitOptionsValidator));
        var validators = services.Where(d => d.ServiceType == typeof(IValidateOptions<MediaKitOptions>)).Select(d => d.ImplementationType).ToList();
        Assert.Equal(validators.Distinct().Count(), validators.Count);
    }

    [Fact]
    public void AddMediaKit_twice_validates_the_options_once()
    {
        var services = ServicesWithProviders(o => o.Collections.Add("Bad!"));
        services.AddMediaKit();

        var exception = ValidationFailure(services);

        Assert.Single(exception.Failures, f => f.Contains("'Bad!'", StringComparison.Ordinal));
    }

    [Fact]
    public void AddMediaKit_twice_applies_both_configure_callbacks()
    {
        var services = ServicesWithProviders(ValidCollection);
        services.AddMediaKit(o =>
        {
            o.DefaultTenantId = "acme";
            o.Collections.Add("products", c => c.MaxLength = 1234);
        });
        using var provider = services.BuildServiceProvider(Strict);

        var options = provider.GetRequiredService<IOptions<MediaKitOptions>>().Value;

        Assert.Equal("acme", options.DefaultTenantId);
        var products = Assert.Single(options.Collections);
        Assert.True(products.Accepts(MediaContentTypes.Png));
        Assert.Equal(1234, products.GetMaxLength(MediaKind.Image));
    }

    [Fact]
    public void AddMediaKit_returns_a_builder_over_the_same_services()
    {
        var services = new ServiceCollection();

        var builder = services.AddMediaKit();

        Assert.Same(services, builder.Services);
        Assert.Same(services, services.AddMediaKit().Services);
    }

    [Fact]
    public void AddMediaKit_keeps_a_TimeProvider_the_host_registered_first()
    {
        var time = new FakeTimeProvider();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddMediaKit(ValidCollection);

        Assert.Equal(1, CountOf<TimeProvider>(services));
        using var provider = services.BuildServiceProvider();
        Assert.Same(time, provider.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void Valid_options_with_a_catalog_and_a_blob_store_pass_validation()
    {
        using var provider = ServicesWithProviders(ValidCollection).BuildServiceProvider(Strict);

        var options = provider.GetRequiredService<IOptions<MediaKitOptions>>().Value;

        Assert.NotNull(options.Collections.Find("products"));
    }

    [Fact]
    public void The_store_and_the_reconciler_resolve_once_providers_are_registered()
    {
        using var provider = ServicesWithProviders(ValidCollection).BuildServiceProvider(Strict);
        using var scope = provider.CreateScope();

        Assert.IsType<MediaStore>(scope.ServiceProvider.GetRequiredService<IMediaStore>());
        Assert.IsType<MediaReconciler>(scope.ServiceProvider.GetRequiredService<IMediaReconciler>());
    }

    [Fact]
    public void Validation_runs_at_startup()
    {
        using var provider = ServicesWithProviders(configure: null).BuildServiceProvider(Strict);
        var startup = provider.GetRequiredService<IStartupValidator>();

        var exception = Record.Exception(startup.Validate);

        Assert.NotNull(exception);
        var failure = exception as OptionsValidationException
            ?? Assert.IsType<OptionsValidationException>(Assert.IsType<AggregateException>(exception).InnerExceptions.Single());
        Assert.Equal(typeof(MediaKitOptions), failure.OptionsType);
    }

    [Fact]
    public void Validation_fails_when_no_collection_is_configured()
    {
        var exception = ValidationFailure(ServicesWithProviders(configure: null));

        var failure = Assert.Single(exception.Failures);
        Assert.Contains("no collection is configured", failure, StringComparison.Ordinal);
        Assert.Contains("Collections.Add", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Products!")]
    [InlineData("Products")]
    [InlineData("my collection")]
    [InlineData("caf\u00E9")]
    [InlineData("a/b")]
    public void Validation_fails_for_a_bad_collection_name(string name)
    {
        var exception = ValidationFailure(ServicesWithProviders(o => o.Collections.Add(name, c => c.AcceptImages())));

        var failure = Assert.Single(exception.Failures);
        Assert.Contains($"collection '{name}'", failure, StringComparison.Ordinal);
        Assert.Contains("name must be 1 to 64 lowercase letters", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_fails_for_a_collection_name_longer_than_64_characters()
    {
        var exception = ValidationFailure(ServicesWithProviders(o => o.Collections.Add(new string('a', 65))));

        Assert.Contains("name must be 1 to 64", Assert.Single(exception.Failures), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("products")]
    [InlineData("chat-attachments_2")]
    [InlineData("0")]
    public void Validation_passes_for_good_collection_names(string name)
    {
        using var provider = ServicesWithProviders(o => o.Collections.Add(name)).BuildServiceProvider(Strict);

        Assert.NotNull(provider.GetRequiredService<IOptions<MediaKitOptions>>().Value.Collections.Find(name));
    }

    [Theory]
    [InlineData("image")]
    [InlineData("*/png")]
    [InlineData("*/*")]
    [InlineData("image/")]
    [InlineData("/png")]
    [InlineData("image/p*")]
    [InlineData("image/png/x")]
    public void Validation_fails_for_a_bad_accepted_type_pattern(string pattern)
    {
        var exception = ValidationFailure(ServicesWithProviders(o => o.Collections.Add("products", c => c.Accept(pattern))));

        var failure = Assert.Single(exception.Failures);
        Assert.Contains($"'{pattern}' is not a content type or a 'type/*' pattern", failure, StringComparison.Ordinal);
        Assert.Contains("collection 'products'", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_fails_for_a_bad_review_pattern()
    {
        var exception = ValidationFailure(ServicesWithProviders(o => o.Collections.Add("chat", c => c.AcceptImages().RequireApproval("*/png"))));

        Assert.Contains("'*/png'", Assert.Single(exception.Failures), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Validation_fails_for_a_MaxLength_that_is_not_positive(long maxLength)
    {
        var exception = ValidationFailure(ServicesWithProviders(o => o.Collections.Add("products", c => c.MaxLength = maxLength)));

        var failure = Assert.Single(exception.Failures);
        Assert.Contains("MaxLength must be positive", failure, StringComparison.Ordinal);
        Assert.Contains($"was {maxLength}", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_fails_for_a_per_kind_limit_or_a_quota_that_is_not_positive()
    {
        var exception = ValidationFailure(ServicesWithProviders(o => o.Collections.Add("products", c =>
        {
            c.MaxLengthByKind[MediaKind.Video] = 0;
            c.QuotaPerOwner = -5;
        })));

        Assert.Equal(2, exception.Failures.Count());
        Assert.Contains(exception.Failures, f => f.Contains("size limit for Video must be positive", StringComparison.Ordinal));
        Assert.Contains(exception.Failures, f => f.Contains("QuotaPerOwner must be positive", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(59)]
    public void Validation_fails_for_a_reconciliation_grace_period_under_one_minute(int seconds)
    {
        var exception = ValidationFailure(ServicesWithProviders(o =>
        {
            ValidCollection(o);
            o.ReconciliationGracePeriod = TimeSpan.FromSeconds(seconds);
        }));

        Assert.Contains("ReconciliationGracePeriod must be at least one minute", Assert.Single(exception.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_passes_for_a_reconciliation_grace_period_of_exactly_one_minute()
    {
        using var provider = ServicesWithProviders(o =>
        {
            ValidCollection(o);
            o.ReconciliationGracePeriod = TimeSpan.FromMinutes(1);
        }).BuildServiceProvider(Strict);

        Assert.Equal(TimeSpan.FromMinutes(1), provider.GetRequiredService<IOptions<MediaKitOptions>>().Value.ReconciliationGracePeriod);
    }

    [Theory]
    [InlineData(15)]
    [InlineData(1025)]
    public void Validation_fails_for_a_MaxFileNameLength_out_of_range(int length)
    {
        var exception = ValidationFailure(ServicesWithProviders(o =>
        {
            ValidCollection(o);
            o.MaxFileNameLength = length;
        }));

        Assert.Contains("MaxFileNameLength must be between 16 and 1024", Assert.Single(exception.Failures), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Validation_fails_for_an_empty_DefaultTenantId(string tenantId)
    {
        var exception = ValidationFailure(ServicesWithProviders(o =>
        {
            ValidCollection(o);
            o.DefaultTenantId = tenantId;
        }));

        Assert.Contains("DefaultTenantId must not be empty", Assert.Single(exception.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_fails_without_a_blob_store_and_names_the_methods_that_add_one()
    {
        var services = new ServiceCollection();
        services.AddMediaKit(ValidCollection);
        services.AddSingleton<IMediaCatalog, UnusedCatalog>();
        services.AddSingleton<IMediaUsageCatalog, UnusedUsageCatalog>();
        services.AddSingleton<IMediaMaintenanceCatalog, UnusedMaintenanceCatalog>();
        services.AddSingleton<IMediaAuditCatalog, UnusedAuditCatalog>();

        var failure = Assert.Single(ValidationFailure(services).Failures);

        Assert.Contains("no blob store is configured", failure, StringComparison.Ordinal);
        Assert.Contains("UseFileSystemStorage", failure, StringComparison.Ordinal);
        Assert.Contains("UseS3Storage", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_fails_without_a_catalog_and_names_the_method_that_adds_one()
    {
        var services = new ServiceCollection();
        services.AddMediaKit(ValidCollection);
        services.AddSingleton<IMediaBlobStore, UnusedBlobStore>();

        var failure = Assert.Single(ValidationFailure(services).Failures);

        Assert.Contains("no catalog is configured", failure, StringComparison.Ordinal);
        Assert.Contains("UseEntityFrameworkCore", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_reports_every_problem_at_once()
    {
        var services = new ServiceCollection();
        services.AddMediaKit(o =>
        {
            o.Collections.Add("Products!", c => c.Accept("image"));
            o.ReconciliationGracePeriod = TimeSpan.Zero;
        });

        var exception = ValidationFailure(services);

        Assert.Equal(5, exception.Failures.Count());
        Assert.Contains("UseFileSystemStorage", exception.Message, StringComparison.Ordinal);
        Assert.Contains("UseEntityFrameworkCore", exception.Message, StringComparison.Ordinal);
        Assert.Contains("ReconciliationGracePeriod", exception.Message, StringComparison.Ordinal);
        Assert.Contains("'Products!'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("'image'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_tenant_accessor_returns_the_default_tenant()
    {
        using var provider = ServicesWithProviders(ValidCollection).BuildServiceProvider(Strict);

        Assert.Equal("default", provider.GetRequiredService<IMediaTenantAccessor>().TenantId);
    }

    [Fact]
    public void The_default_tenant_accessor_returns_the_configured_DefaultTenantId()
    {
        using var provider = ServicesWithProviders(o =>
        {
            ValidCollection(o);
            o.DefaultTenantId = "store-42";
        }).BuildServiceProvider(Strict);

        Assert.Equal("store-42", provider.GetRequiredService<IMediaTenantAccessor>().TenantId);
    }

    [Fact]
    public void A_tenant_accessor_the_host_registered_first_is_kept()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IMediaTenantAccessor, FixedTenant>();
        services.AddMediaKit(ValidCollection);

        Assert.Equal(1, CountOf<IMediaTenantAccessor>(services));
        using var provider = services.BuildServiceProvider();
        Assert.Equal("fixed", provider.GetRequiredService<IMediaTenantAccessor>().TenantId);
    }

    [Fact]
    public void AddMediaKit_before_AddLogging_does_not_silence_the_apps_loggers()
    {
        var services = new ServiceCollection();
        services.AddMediaKit(ValidCollection);
        services.AddLogging();
        using var provider = services.BuildServiceProvider();

        var logger = provider.GetRequiredService<ILogger<MediaKitServiceCollectionExtensionsTests>>();

        Assert.IsType<Logger<MediaKitServiceCollectionExtensionsTests>>(logger);
    }

    private sealed class FixedTenant : IMediaTenantAccessor
    {
        public string TenantId => "fixed";
    }
}
