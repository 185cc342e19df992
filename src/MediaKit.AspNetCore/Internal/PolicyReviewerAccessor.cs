using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace MediaKit.AspNetCore.Internal;

/// <summary>A reviewer is a signed-in user who satisfies <see cref="MediaKitPolicies.Approve"/>; evaluated at most once per request.</summary>
internal sealed class PolicyReviewerAccessor(IHttpContextAccessor http, IAuthorizationService authorization) : IMediaReviewerAccessor
{
    private bool? _isReviewer;

    public async ValueTask<bool> IsReviewerAsync(CancellationToken cancellationToken = default)
    {
        if (_isReviewer is { } known)
        {
            return known;
        }

        var user = http.HttpContext?.User;
        _isReviewer = user?.Identity?.IsAuthenticated == true && (await authorization.AuthorizeAsync(user, MediaKitPolicies.Approve)).Succeeded;
        return _isReviewer.Value;
    }
}
