using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MediaKit.Observability.Tests;

/// <summary>The catalog and storage checks against real parts, healthy and then broken for real.</summary>
public sealed class HealthCheckTests
{
    [Fact]
    public async Task Both_checks_are_healthy_on_a_working_database_and_disk_and_tagged_for_readiness()
    {
        await using var host = await TestHost.StartAsync();

        var report = await host.CheckHealthAsync();

        Assert.Equal(HealthStatus.Healthy, report.Entries[MediaKitHealthChecks.CatalogCheckName].Status);
        Assert.Equal(HealthStatus.Healthy, report.Entries[MediaKitHealthChecks.StorageCheckName].Status);
        Assert.Contains(MediaKitHealthChecks.ReadyTag, report.Entries[MediaKitHealthChecks.CatalogCheckName].Tags);
        Assert.Contains(MediaKitHealthChecks.Tag, report.Entries[MediaKitHealthChecks.StorageCheckName].Tags);
        Assert.Equal(HealthStatus.Healthy, report.Status);
    }

    [Fact]
    public async Task The_storage_check_is_unhealthy_once_the_root_folder_is_gone_and_does_not_create_it_again()
    {
        await using var host = await TestHost.StartAsync();
        Assert.Equal(HealthStatus.Healthy, (await host.CheckHealthAsync()).Status);

        Directory.Delete(host.MediaRoot, recursive: true);
        var report = await host.CheckHealthAsync();

        var storage = report.Entries[MediaKitHealthChecks.StorageCheckName];
        Assert.Equal(HealthStatus.Unhealthy, storage.Status);
        Assert.Equal(MediaErrorCodes.StorageFailed, Assert.IsType<MediaException>(storage.Exception).Code);
        Assert.Equal(HealthStatus.Healthy, report.Entries[MediaKitHealthChecks.CatalogCheckName].Status);
        Assert.False(Directory.Exists(host.MediaRoot));
    }

    [Fact]
    public async Task The_storage_check_is_unhealthy_when_the_S3_endpoint_does_not_answer()
    {
        var port = TestHost.ClosedPort();
        await using var host = await TestHost.StartAsync(useStorage: b => b.UseS3Storage(o =>
        {
            o.BucketName = "media";
            o.ServiceUrl = $"http://127.0.0.1:{port}";
            o.ForcePathStyle = true;
            o.Region = "us-east-1";
            o.AccessKey = "test";
            o.SecretKey = "test-secret";
        }));

        var report = await host.CheckHealthAsync();

        var storage = report.Entries[MediaKitHealthChecks.StorageCheckName];
        Assert.Equal(HealthStatus.Unhealthy, storage.Status);
        Assert.Equal(MediaErrorCodes.StorageFailed, Assert.IsType<MediaException>(storage.Exception).Code);
        Assert.DoesNotContain("127.0.0.1", storage.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_catalog_check_is_unhealthy_when_the_SQLite_database_file_is_removed()
    {
        await using var host = await TestHost.StartAsync();
        Assert.Equal(HealthStatus.Healthy, (await host.CheckHealthAsync()).Entries[MediaKitHealthChecks.CatalogCheckName].Status);

        File.Delete(host.DatabasePath);
        var report = await host.CheckHealthAsync();

        var catalog = report.Entries[MediaKitHealthChecks.CatalogCheckName];
        Assert.Equal(HealthStatus.Unhealthy, catalog.Status);
        Assert.NotNull(catalog.Exception);
        Assert.Equal(HealthStatus.Healthy, report.Entries[MediaKitHealthChecks.StorageCheckName].Status);
    }

    [Fact]
    public async Task The_catalog_check_is_unhealthy_when_PostgreSQL_does_not_answer()
    {
        var port = TestHost.ClosedPort();
        await using var host = await TestHost.StartAsync(useDatabase: o => o.UseNpgsql($"Host=127.0.0.1;Port={port};Database=media;Username=media;Password=media;Timeout=5"));

        var report = await host.CheckHealthAsync();

        var catalog = report.Entries[MediaKitHealthChecks.CatalogCheckName];
        Assert.Equal(HealthStatus.Unhealthy, catalog.Status);
        Assert.NotNull(catalog.Exception);
        Assert.Equal(HealthStatus.Unhealthy, report.Status);
    }

    [Fact]
    public async Task A_host_may_choose_the_failure_status_and_tags()
    {
        var services = new ServiceCollection();
        services.AddHealthChecks().AddMediaKit(HealthStatus.Degraded, ["media"]);
        await using var provider = services.BuildServiceProvider();

        var registrations = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<HealthCheckServiceOptions>>().Value.Registrations;

        Assert.Equal([MediaKitHealthChecks.CatalogCheckName, MediaKitHealthChecks.StorageCheckName], registrations.Select(r => r.Name).Order(StringComparer.Ordinal));
        Assert.All(registrations, r => Assert.Equal(HealthStatus.Degraded, r.FailureStatus));
        Assert.All(registrations, r => Assert.Equal(["media"], r.Tags));
    }
}
