using Microsoft.EntityFrameworkCore;

namespace MediaKit.Samples.Store.Data.Scenarios;

/// <summary>A message as the conversation page shows it.</summary>
/// <param name="Message">The stored message.</param>
/// <param name="Attachments">The attachments the viewer may see, in order.</param>
public sealed record MessageView(Message Message, IReadOnlyList<AttachmentView> Attachments);

/// <summary>An attachment the viewer may see.</summary>
/// <param name="Asset">The file: ready, or (for its uploader and reviewers only) waiting for review or rejected.</param>
/// <param name="FileUrl">A signed URL of the original file when it is ready, else <see langword="null"/>.</param>
public sealed record AttachmentView(MediaAsset Asset, string? FileUrl)
{
    /// <summary>The name shown for the file.</summary>
    public string Name => Asset.FileName;
}

/// <summary>Reads conversations for the chat pages (seed 003).</summary>
public static class ChatQueries
{
    /// <summary>How many messages a conversation page shows (the latest ones).</summary>
    public const int PageSize = 100;

    /// <summary>
    /// The latest messages of a conversation of the scope's organization, oldest first, with the attachments the scope's user
    /// may see: MediaKit's store hides files waiting for review (or rejected) from everybody but their uploader and reviewers,
    /// so they are simply left out for the others.
    /// </summary>
    /// <param name="services">A scope acting for the viewer (<see cref="ScenarioScopes"/>).</param>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public static async Task<IReadOnlyList<MessageView>> LoadMessagesAsync(IServiceProvider services, int conversationId, CancellationToken cancellationToken = default)
    {
        var tenant = services.GetRequiredService<IMediaTenantAccessor>().TenantId;
        var db = services.GetRequiredService<StoreDbContext>();
        var store = services.GetRequiredService<IMediaStore>();
        var urls = services.GetRequiredService<IMediaUrls>();
        var messages = await db.Set<Message>().AsNoTracking()
            .Where(m => m.ConversationId == conversationId && m.TenantId == tenant)
            .OrderByDescending(m => m.Id).Take(PageSize).ToListAsync(cancellationToken);
        messages.Reverse();

        var views = new List<MessageView>(messages.Count);
        foreach (var message in messages)
        {
            var attachments = new List<AttachmentView>(message.AttachmentIds.Count);
            foreach (var id in message.AttachmentIds)
            {
                // FindAsync answers null for a file this viewer may not see (someone else's pending or rejected upload).
                if (await store.FindAsync(id, cancellationToken) is not { } asset)
                {
                    continue;
                }

                var url = asset.Status == MediaAssetStatus.Ready ? (await urls.GetUrlAsync(asset, cancellationToken: cancellationToken))?.Url : null;
                attachments.Add(new AttachmentView(asset, url));
            }

            views.Add(new MessageView(message, attachments));
        }

        return views;
    }

    /// <summary>Whether the viewer may share (and revoke links to) a file: a manager, or the file's uploader (as the HTTP API rules).</summary>
    public static bool MayShare(MediaAsset asset, string? userId, bool isManager)
        => asset.Status == MediaAssetStatus.Ready && (isManager || (userId is not null && string.Equals(asset.UploadedBy, userId, StringComparison.Ordinal)));
}
