using MediaKit.Catalog;
using MediaKit.Internal;
using MediaKit.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MediaKit.AspNetCore.Internal;

/// <summary>Looks up one asset id: a primary-key query through the catalog contract.</summary>
internal sealed class MediaCatalogHealthCheck(IMediaCatalog catalog) : IHealthCheck
{
    // No asset has the empty id (ids are version 7 GUIDs); the tenant is one no host uses, so nothing is ever found.
    private const string ProbeTenant = "mediakit-health";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await catalog.FindAsync(ProbeTenant, Guid.Empty, includeDeleted: true, cancellationToken);
            return HealthCheckResult.Healthy("The MediaKit catalog answers.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The MediaKit catalog cannot be queried.", ex);
        }
    }
}

/// <summary>Probes every registered blob store at once.</summary>
internal sealed class MediaStorageHealthCheck(IMediaBlobStores stores) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var names = stores.Names;
        var probes = names.Select(async name =>
        {
            try
            {
                await MediaBlobStoreProbe.CheckAsync(stores.Get(name), cancellationToken);
                return (Name: name, Error: (Exception?)null);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return (Name: name, Error: ex);
            }
        });
        var results = await Task.WhenAll(probes);
        var data = results.ToDictionary(r => r.Name, r => (object)(r.Error is null ? "healthy" : "unhealthy"), StringComparer.Ordinal);
        var failed = results.Where(r => r.Error is not null).ToList();
        if (names.Count == 0)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "No MediaKit blob store is registered.");
        }

        if (failed.Count == 0)
        {
            return HealthCheckResult.Healthy($"MediaKit blob stores usable: {string.Join(", ", names)}.", data);
        }

        var error = failed.Count == 1 ? failed[0].Error : new AggregateException(failed.Select(f => f.Error!));
        return new HealthCheckResult(
            context.Registration.FailureStatus,
            $"MediaKit blob stores not usable: {string.Join(", ", failed.Select(f => f.Name))}.",
            error,
            data);
    }
}
