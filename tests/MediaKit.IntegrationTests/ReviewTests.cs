using Microsoft.Extensions.DependencyInjection;

namespace MediaKit.IntegrationTests;

/// <summary>Seed 003's review workflow: who sees pending files, approve and reject with a note, audit entries and events.</summary>
public sealed class ReviewTests
{
    [Fact]
    public async Task An_upload_made_in_code_belongs_to_the_signed_in_user_who_alone_sees_it_while_pending()
    {
        await using var host = await SeedThreeHost.StartAsync();
        host.Actor.ActorId = "alice";

        // No UploadedBy in the request: the store takes the signed-in user, as the HTTP API does.
        var pdf = await host.WithStoreAsync(s => s.UploadAsync(new MediaUploadRequest("chat", "contract.pdf", new MemoryStream(SeedThreeHost.Pdf()))));

        Assert.Equal("alice", pdf.UploadedBy);
        Assert.NotNull(await host.WithStoreAsync(s => s.FindAsync(pdf.Id)));
        host.Actor.ActorId = "bob";
        Assert.Null(await host.WithStoreAsync(s => s.FindAsync(pdf.Id)));
    }

    [Fact]
    public async Task A_pending_file_is_hidden_from_other_members_but_not_from_its_uploader_or_a_reviewer()
    {
        await using var host = await SeedThreeHost.StartAsync();
        host.Actor.ActorId = "alice";
        var pdf = await host.UploadAsync("alice", SeedThreeHost.Pdf());
        var png = await host.UploadAsync("alice", TestFiles.Png());
        Assert.Equal(MediaAssetStatus.PendingReview, pdf.Status);
        Assert.Equal(MediaAssetStatus.Ready, png.Status);

        host.Actor.ActorId = "bob";
        Assert.Null(await host.WithStoreAsync(s => s.FindAsync(pdf.Id)));
        Assert.Null(await host.WithStoreAsync(s => s.OpenReadAsync(pdf.Id)));
        Assert.Equal([png.Id], await ListedAsync(host));
        Assert.Empty(await ListedAsync(host, MediaAssetStatus.PendingReview));
        Assert.Null(await host.WithAsync<IMediaUrls, MediaUrl?>(u => u.GetUrlAsync(pdf.Id)));

        // Nobody signed in sees it either.
        host.Actor.ActorId = null;
        Assert.Null(await host.WithStoreAsync(s => s.FindAsync(pdf.Id)));
        Assert.Equal([png.Id], await ListedAsync(host));

        host.Actor.ActorId = "alice";
        Assert.NotNull(await host.WithStoreAsync(s => s.FindAsync(pdf.Id)));
        await using (var content = await host.WithStoreAsync(s => s.OpenReadAsync(pdf.Id)))
        {
            Assert.NotNull(content);
        }

        Assert.Equal(new[] { pdf.Id, png.Id }.Order(), (await ListedAsync(host)).Order());

        host.Actor.ActorId = "rita";
        host.Reviewer().IsReviewer = true;
        Assert.NotNull(await host.WithStoreAsync(s => s.FindAsync(pdf.Id)));
        Assert.Equal([pdf.Id], await ListedAsync(host, MediaAssetStatus.PendingReview));
    }

    [Fact]
    public async Task Another_members_pending_file_cannot_be_edited_replaced_deleted_or_restored_unless_the_caller_reviews()
    {
        await using var host = await SeedThreeHost.StartAsync();
        host.Actor.ActorId = "alice";
        var pdf = await host.UploadAsync("alice", SeedThreeHost.Pdf());
        Assert.Equal(MediaAssetStatus.PendingReview, pdf.Status);

        // Bob (no reviewer) knows the id but every change answers "not found", as reads do, and nothing changes.
        host.Actor.ActorId = "bob";
        Assert.Null(await host.WithStoreAsync(s => s.UpdateAsync(pdf.Id, new MediaAssetChanges { Title = "mine now" })));
        Assert.Null(await host.WithStoreAsync(s => s.ReplaceContentAsync(pdf.Id, new MediaContentReplacement("x.pdf", new MemoryStream(SeedThreeHost.Pdf())))));
        Assert.False(await host.WithStoreAsync(s => s.DeleteAsync(pdf.Id)));
        Assert.False(await host.WithStoreAsync(s => s.DeleteAsync(pdf.Id, MediaDeleteMode.Purge, force: true)));

        host.Actor.ActorId = "alice";
        var untouched = await host.WithStoreAsync(s => s.FindAsync(pdf.Id));
        Assert.NotNull(untouched);
        Assert.Null(untouched.Title);
        Assert.Null(untouched.DeletedAt);
        Assert.Equal(1, untouched.Version);

        // A reviewer may change it.
        host.Actor.ActorId = "rita";
        host.Reviewer().IsReviewer = true;
        Assert.NotNull(await host.WithStoreAsync(s => s.UpdateAsync(pdf.Id, new MediaAssetChanges { Title = "checked" })));
        Assert.True(await host.WithStoreAsync(s => s.DeleteAsync(pdf.Id)));
    }

    [Fact]
    public async Task Approving_makes_the_file_visible_to_everyone_records_who_and_raises_an_event()
    {
        await using var host = await SeedThreeHost.StartAsync();
        var pdf = await host.UploadAsync("alice", SeedThreeHost.Pdf());
        host.Actor.ActorId = "rita";
        host.Time.Advance(TimeSpan.FromSeconds(1));

        var approved = await host.WithAsync<IMediaReview, MediaAsset?>(r => r.ApproveAsync(pdf.Id, "Looks fine"));

        Assert.Equal(MediaAssetStatus.Ready, approved!.Status);
        Assert.Equal("Looks fine", approved.ReviewNote);
        host.Actor.ActorId = "bob";
        Assert.NotNull(await host.WithStoreAsync(s => s.FindAsync(pdf.Id)));
        var entry = (await TrailAsync(host, pdf.Id))[0];
        Assert.Equal(("asset.approved", "rita"), (entry.Action, entry.Actor));
        Assert.Contains("Looks fine", entry.Details, StringComparison.Ordinal);
        var raised = Assert.Single(host.Events().Events.OfType<MediaAssetApproved>());
        Assert.Equal((pdf.Id, "Looks fine", "rita", "store-a"), (raised.AssetId, raised.Note, raised.Actor, raised.TenantId));
        Assert.Single(host.Events().Events.OfType<MediaAssetUploaded>(), e => e.AssetId == pdf.Id);

        // Approving again changes nothing and records nothing.
        host.Actor.ActorId = "rita";
        await host.WithAsync<IMediaReview, MediaAsset?>(r => r.ApproveAsync(pdf.Id));
        Assert.Single(host.Events().Events.OfType<MediaAssetApproved>());
        Assert.Equal(2, (await TrailAsync(host, pdf.Id)).Count);
    }

    [Fact]
    public async Task Rejecting_needs_a_note_keeps_the_file_hidden_and_tells_the_uploader_why()
    {
        await using var host = await SeedThreeHost.StartAsync();
        var pdf = await host.UploadAsync("alice", SeedThreeHost.Pdf());
        host.Actor.ActorId = "rita";

        var error = await Assert.ThrowsAsync<MediaException>(() => host.WithAsync<IMediaReview, MediaAsset?>(r => r.RejectAsync(pdf.Id, "  ")));
        Assert.Equal(MediaErrorCodes.InvalidRequest, error.Code);
        Assert.Empty(host.Events().Events.OfType<MediaAssetRejected>());

        host.Time.Advance(TimeSpan.FromSeconds(1));
        var rejected = await host.WithAsync<IMediaReview, MediaAsset?>(r => r.RejectAsync(pdf.Id, "Contains a phone number"));

        Assert.Equal(MediaAssetStatus.Rejected, rejected!.Status);
        host.Actor.ActorId = "bob";
        Assert.Null(await host.WithStoreAsync(s => s.FindAsync(pdf.Id)));
        host.Actor.ActorId = "alice";
        Assert.Equal("Contains a phone number", (await host.WithStoreAsync(s => s.FindAsync(pdf.Id)))!.ReviewNote);
        Assert.Equal(("asset.rejected", "rita"), ((await TrailAsync(host, pdf.Id))[0].Action, (await TrailAsync(host, pdf.Id))[0].Actor));
        Assert.Equal("Contains a phone number", Assert.Single(host.Events().Events.OfType<MediaAssetRejected>()).Note);

        // A rejected file leaves the queue; it can still be approved later.
        Assert.Empty((await host.WithAsync<IMediaReview, MediaPage<MediaAsset>>(r => r.ListPendingAsync())).Items);
        Assert.Equal(MediaAssetStatus.Ready, (await host.WithAsync<IMediaReview, MediaAsset?>(r => r.ApproveAsync(pdf.Id)))!.Status);
    }

    [Fact]
    public async Task A_handler_that_throws_does_not_break_the_approval_and_the_next_handler_still_runs()
    {
        await using var host = await SeedThreeHost.StartAsync(throwingHandlerFirst: true);
        var pdf = await host.UploadAsync("alice", SeedThreeHost.Pdf());

        var approved = await host.WithAsync<IMediaReview, MediaAsset?>(r => r.ApproveAsync(pdf.Id));

        Assert.Equal(MediaAssetStatus.Ready, approved!.Status);
        Assert.Equal(MediaAssetStatus.Ready, (await host.AllRecordsAsync()).Single().Status);
        Assert.Single(host.Events().Events.OfType<MediaAssetApproved>());
        Assert.Single(host.Events().Events.OfType<MediaAssetUploaded>());
    }

    [Fact]
    public async Task A_handler_may_use_the_store_itself_and_sees_the_committed_asset()
    {
        var seen = new List<string>();
        await using var host = await MediaKitHost.StartAsync(configureServices: s =>
        {
            s.AddSingleton(seen);
            s.AddMediaKit().AddEventHandler<LookupHandler>();
        });

        var png = await host.UploadAsync("alice", TestFiles.Png(), collection: "images");

        Assert.Equal([$"{png.Id} a.png"], seen);
    }

    [Fact]
    public async Task Deleting_raises_an_event_after_the_change()
    {
        await using var host = await SeedThreeHost.StartAsync();
        var png = await host.UploadAsync("alice", TestFiles.Png());
        host.Actor.ActorId = "carol";

        await host.WithStoreAsync(s => s.DeleteAsync(png.Id));
        await host.WithStoreAsync(s => s.DeleteAsync(png.Id, MediaDeleteMode.Purge));

        Assert.Equal(
            [(MediaDeleteMode.Soft, "carol"), (MediaDeleteMode.Purge, "carol")],
            host.Events().Events.OfType<MediaAssetDeleted>().Select(e => (e.Mode, e.Actor)));
    }

    [Fact]
    public async Task Auto_approved_types_skip_the_queue_within_a_family_that_needs_review()
    {
        await using var host = await SeedThreeHost.StartAsync(configure: o => o.Collections.Add("chat").AutoApprove("application/pdf"));

        var pdf = await host.UploadAsync("alice", SeedThreeHost.Pdf());

        Assert.Equal(MediaAssetStatus.Ready, pdf.Status);
        var collection = new MediaKitOptions().Collections.Add("x", c => c.RequireApproval("application/*").AutoApprove("application/pdf"));
        Assert.True(collection.RequiresReview("application/zip"));
        Assert.False(collection.RequiresReview("application/pdf"));
    }

    [Fact]
    public async Task The_queue_lists_pending_files_of_every_uploader_oldest_first_a_page_at_a_time()
    {
        await using var host = await SeedThreeHost.StartAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            host.Time.Advance(TimeSpan.FromSeconds(1));
            ids.Add((await host.UploadAsync(i % 2 == 0 ? "alice" : "bob", SeedThreeHost.Pdf(3000 + i))).Id);
        }

        await host.UploadAsync("alice", TestFiles.Png());
        var listed = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await host.WithAsync<IMediaReview, MediaPage<MediaAsset>>(r => r.ListPendingAsync("chat", cursor, limit: 2));
            listed.AddRange(page.Items.Select(a => a.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(ids, listed);
    }

    /// <summary>A scoped handler that depends on the store, as a notification that needs the asset's details would.</summary>
    private sealed class LookupHandler(IMediaStore store, List<string> seen) : IMediaEventHandler
    {
        public async Task HandleAsync(MediaEvent mediaEvent, CancellationToken cancellationToken)
        {
            if (mediaEvent is MediaAssetUploaded && await store.FindAsync(mediaEvent.AssetId, cancellationToken) is { } asset)
            {
                seen.Add($"{asset.Id} {asset.FileName}");
            }
        }
    }

    private static async Task<List<Guid>> ListedAsync(MediaKitHost host, MediaAssetStatus? status = null)
        => [.. (await host.WithStoreAsync(s => s.QueryAsync(new MediaQuery { Status = status }))).Items.Select(a => a.Id)];

    private static async Task<IReadOnlyList<MediaAuditEntry>> TrailAsync(MediaKitHost host, Guid assetId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IMediaAuditTrail>().ListAsync(assetId)).Items;
    }
}
