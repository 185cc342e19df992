using MediaKit.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MediaKit.IntegrationTests;

/// <summary>Moving assets between stores: copy, verify, switch, then delete; safe to interrupt, to race, and to serve through.</summary>
public sealed class StoreMoveTests
{
    private const string Source = MediaStorageOptions.DefaultStoreName;
    private const string Target = StoreMoveHost.Target;

    [Fact]
    public async Task A_move_copies_every_file_switches_each_record_and_leaves_nothing_on_the_source()
    {
        await using var host = await StoreMoveHost.StartAsync();
        var uploaded = await host.UploadAsync(20);
        Assert.All(uploaded, u => Assert.Equal(Source, u.Asset.StoreName));

        // One asset with a previous version and one with a variant: every file of an asset moves with it.
        var replacement = TestFiles.Jpeg(1500);
        await host.WithStoreAsync(s => s.ReplaceContentAsync(uploaded[0].Asset.Id, new MediaContentReplacement("p0.jpg", new MemoryStream(replacement))));
        var variant = await host.AddVariantAsync(uploaded[1].Asset.Id, "thumb");
        Assert.Equal(20, await host.Mover.CountAssetsAsync(Source));

        var report = await host.Mover.MoveAsync(Source, Target);

        Assert.Equal((20, 0, 0), (report.Moved, report.Failed, report.Skipped));
        Assert.Equal(22, report.FilesCopied);
        Assert.Equal(0, await host.Mover.CountAssetsAsync(Source));
        Assert.Equal(20, await host.Mover.CountAssetsAsync(Target));
        Assert.All(await host.AllRecordsAsync(), a => Assert.Equal(Target, a.StoreName));
        Assert.Equal(StoreMoveHost.Sha(replacement), await host.ServedHashAsync(uploaded[0].Asset.Id));
        Assert.Equal(StoreMoveHost.Sha(variant), await host.ServedHashAsync(uploaded[1].Asset.Id, "thumb"));
        foreach (var (asset, bytes) in uploaded.Skip(1))
        {
            Assert.Equal(StoreMoveHost.Sha(bytes), await host.ServedHashAsync(asset.Id));
        }

        Assert.Empty(StoreMoveHost.FilesUnder(host.DiskRoot));
        Assert.Equal(22, StoreMoveHost.FilesUnder(host.ArchiveRoot).Count);

        // One audit entry per moved asset, signed by the mover.
        var audit = await host.MoveAuditAsync();
        Assert.Equal(uploaded.Select(u => u.Asset.Id).Order(), audit.Select(e => e.AssetId!.Value).Order());
        Assert.All(audit, e => Assert.Equal("system:move", e.Actor));

        // Running it again finds nothing left to do.
        Assert.Equal(0, (await host.Mover.MoveAsync(Source, Target)).Moved);
    }

    [Fact]
    public async Task A_crash_between_copy_and_switch_keeps_serving_from_the_source_and_a_rerun_finishes_the_move()
    {
        await using var host = await StoreMoveHost.StartAsync();
        var uploaded = await host.UploadAsync(5);
        using var crash = new CancellationTokenSource();
        var copies = 0;
        host.Mover.AfterCopy = (_, _) =>
        {
            // The process dies after the third asset's files were copied and verified, before its record is switched.
            if (Interlocked.Increment(ref copies) == 3)
            {
                crash.Cancel();
            }

            crash.Token.ThrowIfCancellationRequested();
            return Task.CompletedTask;
        };
        host.Services.GetRequiredService<IOptions<MediaKitOptions>>().Value.Storage.MoveConcurrency = 1;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Mover.MoveAsync(Source, Target, crash.Token));

        var records = await host.AllRecordsAsync();
        Assert.Equal(2, records.Count(a => a.StoreName == Target));
        var stranded = Assert.Single(records, a => a.StoreName == Source && File.Exists(Path.Combine(host.ArchiveRoot, a.StorageKey)));

        // Every record still points at bytes: the stranded asset is served from the source, its copy sits unused on the target.
        foreach (var (asset, bytes) in uploaded)
        {
            Assert.Equal(StoreMoveHost.Sha(bytes), await host.ServedHashAsync(asset.Id));
        }

        Assert.Equal(3, StoreMoveHost.FilesUnder(host.ArchiveRoot).Count);
        Assert.Equal(3, StoreMoveHost.FilesUnder(host.DiskRoot).Count);

        // The rerun overwrites the copy it finds instead of trusting it, and finishes.
        host.Mover.AfterCopy = null;
        File.WriteAllBytes(Path.Combine(host.ArchiveRoot, stranded.StorageKey), [1, 2, 3]);
        var report = await host.Mover.MoveAsync(Source, Target);

        Assert.Equal(3, report.Moved);
        Assert.All(await host.AllRecordsAsync(), a => Assert.Equal(Target, a.StoreName));
        foreach (var (asset, bytes) in uploaded)
        {
            Assert.Equal(StoreMoveHost.Sha(bytes), await host.ServedHashAsync(asset.Id));
        }

        Assert.Empty(StoreMoveHost.FilesUnder(host.DiskRoot));
    }

    [Fact]
    public async Task Copies_left_by_a_crash_before_the_switch_are_removed_by_reconciliation_and_the_source_is_kept()
    {
        await using var host = await StoreMoveHost.StartAsync();
        var (asset, bytes) = (await host.UploadAsync(1))[0];
        host.Mover.AfterCopy = (_, _) => throw new InvalidOperationException("The process died here.");

        var report = await host.Mover.MoveAsync(Source, Target);

        Assert.Equal((0, 1), (report.Moved, report.Failed));
        Assert.Single(StoreMoveHost.FilesUnder(host.ArchiveRoot));

        // Within the grace period the copy could belong to a move in flight; after it, no record names it on the target.
        Assert.Equal(0, (await host.ReconcileAsync()).OrphanBlobsRemoved);
        host.Time.Advance(TimeSpan.FromHours(2));
        var reconciled = await host.ReconcileAsync();

        Assert.Equal(1, reconciled.OrphanBlobsRemoved);
        Assert.Empty(StoreMoveHost.FilesUnder(host.ArchiveRoot));
        Assert.Single(StoreMoveHost.FilesUnder(host.DiskRoot));
        Assert.Equal(StoreMoveHost.Sha(bytes), await host.ServedHashAsync(asset.Id));
    }

    [Fact]
    public async Task A_failure_between_switch_and_delete_serves_from_the_target_and_reconciliation_removes_the_source_copy()
    {
        FaultyStore? source = null;
        await using var host = await StoreMoveHost.StartAsync(decorateSource: inner => source = new FaultyStore(inner));
        var uploaded = await host.UploadAsync(3);
        _ = host.Services.GetRequiredService<IMediaBlobStore>();
        source!.BeforeDelete = _ => throw new IOException("The disk was unmounted.");

        var report = await host.Mover.MoveAsync(Source, Target);

        Assert.Equal(3, report.Moved);
        Assert.All(await host.AllRecordsAsync(), a => Assert.Equal(Target, a.StoreName));
        foreach (var (asset, bytes) in uploaded)
        {
            Assert.Equal(StoreMoveHost.Sha(bytes), await host.ServedHashAsync(asset.Id));
        }

        Assert.Equal(3, StoreMoveHost.FilesUnder(host.DiskRoot).Count);

        source.BeforeDelete = null;
        host.Time.Advance(TimeSpan.FromHours(2));
        var reconciled = await host.ReconcileAsync();

        Assert.Equal(3, reconciled.OrphanBlobsRemoved);
        Assert.Empty(StoreMoveHost.FilesUnder(host.DiskRoot));
        Assert.Equal(3, StoreMoveHost.FilesUnder(host.ArchiveRoot).Count);
        foreach (var (asset, bytes) in uploaded)
        {
            Assert.Equal(StoreMoveHost.Sha(bytes), await host.ServedHashAsync(asset.Id));
        }
    }

    [Fact]
    public async Task An_asset_replaced_during_its_copy_is_copied_again_and_moved_with_the_new_file_and_its_old_version()
    {
        await using var host = await StoreMoveHost.StartAsync();
        var (asset, first) = (await host.UploadAsync(1))[0];
        var second = TestFiles.Jpeg(2500);
        var edited = 0;
        host.Mover.AfterCopy = async (_, _) =>
        {
            // Another request replaces the file between the copy and the switch.
            if (Interlocked.Increment(ref edited) == 1)
            {
                await host.WithStoreAsync(s => s.ReplaceContentAsync(asset.Id, new MediaContentReplacement("new.jpg", new MemoryStream(second))));
            }
        };

        var report = await host.Mover.MoveAsync(Source, Target);

        Assert.Equal((1, 1, 0), (report.Moved, report.Retried, report.Failed));
        var record = Assert.Single(await host.AllRecordsAsync());
        Assert.Equal((Target, 2, "new.jpg"), (record.StoreName, record.Version, record.FileName));
        Assert.Equal(StoreMoveHost.Sha(second), await host.ServedHashAsync(asset.Id));
        var version = Assert.Single(record.PreviousVersions);
        Assert.Equal(StoreMoveHost.Sha(first), StoreMoveHost.Sha(File.ReadAllBytes(Path.Combine(host.ArchiveRoot, version.StorageKey))));
        Assert.Empty(StoreMoveHost.FilesUnder(host.DiskRoot));
        Assert.Equal(2, StoreMoveHost.FilesUnder(host.ArchiveRoot).Count);
        Assert.Single(await host.MoveAuditAsync());
    }

    [Fact]
    public async Task An_edit_of_descriptive_fields_during_the_copy_is_kept()
    {
        await using var host = await StoreMoveHost.StartAsync();
        var (asset, bytes) = (await host.UploadAsync(1))[0];
        host.Mover.AfterCopy = async (_, _) =>
        {
            host.Mover.AfterCopy = null;
            await host.WithStoreAsync(s => s.UpdateAsync(asset.Id, new MediaAssetChanges { Title = "Edited meanwhile" }));
        };

        var report = await host.Mover.MoveAsync(Source, Target);

        Assert.Equal((1, 1), (report.Moved, report.Retried));
        var record = Assert.Single(await host.AllRecordsAsync());
        Assert.Equal((Target, "Edited meanwhile"), (record.StoreName, record.Title));
        Assert.Equal(StoreMoveHost.Sha(bytes), await host.ServedHashAsync(asset.Id));
        Assert.Empty(StoreMoveHost.FilesUnder(host.DiskRoot));
    }

    [Fact]
    public async Task An_asset_purged_during_its_copy_is_skipped_and_its_copies_removed()
    {
        await using var host = await StoreMoveHost.StartAsync();
        var (asset, _) = (await host.UploadAsync(1))[0];
        host.Mover.AfterCopy = async (_, _) =>
        {
            await host.WithStoreAsync(s => s.DeleteAsync(asset.Id, MediaDeleteMode.Purge, force: true));
        };

        var report = await host.Mover.MoveAsync(Source, Target);

        Assert.Equal((0, 1, 0), (report.Moved, report.Skipped, report.Failed));
        Assert.Empty(await host.AllRecordsAsync());
        Assert.Empty(StoreMoveHost.FilesUnder(host.DiskRoot));
        Assert.Empty(StoreMoveHost.FilesUnder(host.ArchiveRoot));
    }

    [Fact]
    public async Task A_request_that_read_the_record_before_the_switch_is_still_served_after_the_source_copy_is_gone()
    {
        FaultyStore? source = null;
        await using var host = await StoreMoveHost.StartAsync(decorateSource: inner => source = new FaultyStore(inner));
        var (asset, bytes) = (await host.UploadAsync(1))[0];
        _ = host.Services.GetRequiredService<IMediaBlobStore>();
        var readerAtStore = new TaskCompletionSource();
        var moveDone = new TaskCompletionSource();
        source!.BeforeOpenRead = async _ =>
        {
            // Only the delivery request waits: it has read the record (store: default) and is about to open the file.
            source.BeforeOpenRead = null;
            readerAtStore.SetResult();
            await moveDone.Task;
        };

        var reading = host.ServedHashAsync(asset.Id);
        await readerAtStore.Task;
        var report = await host.Mover.MoveAsync(Source, Target);
        moveDone.SetResult();

        Assert.Equal(1, report.Moved);
        Assert.Empty(StoreMoveHost.FilesUnder(host.DiskRoot));
        Assert.Equal(StoreMoveHost.Sha(bytes), await reading);
    }

    [Fact]
    public async Task Two_instances_moving_at_once_move_each_asset_exactly_once_while_every_read_succeeds()
    {
        await using var host = await StoreMoveHost.StartAsync();
        var uploaded = await host.UploadAsync(40);
        using var stop = new CancellationTokenSource();
        var reads = 0;
        var reader = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var (asset, bytes) in uploaded)
                {
                    Assert.Equal(StoreMoveHost.Sha(bytes), await host.ServedHashAsync(asset.Id));
                    reads++;
                }
            }
        });

        var reports = await Task.WhenAll(host.NewMover().MoveAsync(Source, Target), host.NewMover().MoveAsync(Source, Target));
        await stop.CancelAsync();
        await reader;

        Assert.Equal(40, reports.Sum(r => r.Moved));
        Assert.All(reports, r => Assert.Equal(0, r.Failed));
        Assert.True(reads > 0);
        var audit = await host.MoveAuditAsync();
        Assert.Equal(40, audit.Count);
        Assert.Equal(40, audit.Select(e => e.AssetId).Distinct().Count());
        Assert.Empty(StoreMoveHost.FilesUnder(host.DiskRoot));
        Assert.Equal(40, StoreMoveHost.FilesUnder(host.ArchiveRoot).Count);
    }

    [Fact]
    public async Task New_uploads_go_to_the_upload_store_and_record_its_name()
    {
        await using var host = await StoreMoveHost.StartAsync(configure: b => b.UseUploadStore(Target));

        var (asset, bytes) = (await host.UploadAsync(1))[0];

        Assert.Equal(Target, asset.StoreName);
        Assert.Single(StoreMoveHost.FilesUnder(host.ArchiveRoot));
        Assert.Empty(StoreMoveHost.FilesUnder(host.DiskRoot));
        Assert.Equal(StoreMoveHost.Sha(bytes), await host.ServedHashAsync(asset.Id));

        // A replacement stays in the asset's store even when uploads go elsewhere.
        await using var back = await StoreMoveHost.StartAsync();
        var (other, _) = (await back.UploadAsync(1))[0];
        await back.Mover.MoveAsync(Source, Target);
        await back.WithStoreAsync(s => s.ReplaceContentAsync(other.Id, new MediaContentReplacement("v2.jpg", new MemoryStream(TestFiles.Jpeg(1200)))));
        Assert.Empty(StoreMoveHost.FilesUnder(back.DiskRoot));
        Assert.Equal(2, StoreMoveHost.FilesUnder(back.ArchiveRoot).Count);
    }

    [Fact]
    public async Task An_upload_store_that_is_not_registered_fails_startup_naming_the_setting()
    {
        await using var host = await StoreMoveHost.StartAsync(configure: b => b.UseUploadStore("s3"));

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<MediaKitOptions>>().Value);

        Assert.Contains("Storage.UploadStore 's3'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_move_to_an_unknown_store_is_refused_with_a_typed_error()
    {
        await using var host = await StoreMoveHost.StartAsync();

        var error = await Assert.ThrowsAsync<MediaException>(() => host.Mover.MoveAsync(Source, "nowhere"));

        Assert.Equal(MediaErrorCodes.StoreNotConfigured, error.Code);
    }
}
