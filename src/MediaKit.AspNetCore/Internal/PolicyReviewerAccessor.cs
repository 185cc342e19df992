using Microsoft.AspNetCore.Authorization;
using System.Security.Claims;

namespace MediaKit.AspNetCore.Internal;

/// <summary>A reviewer is a signed-in user who satisfies <see cref="MediaKitPolicies.Approve"/>; evaluated at most once per request (or per user of a circuit).</summary>
internal sealed class PolicyReviewerAccessor(MediaKitUser user, IAuthorizationService authorization) : IMediaReviewerAccessor
{
    private ClaimsPrincipal? _evaluated;
    private bool _isReviewer;

    public async ValueTask<bool> IsReviewerAsync(CancellationToken cancellationToken = default)
    {
        // Once per request; a circuit re-evaluates when its user changes.
        var principal = user.Principal;
        if (_evaluated is not null && ReferenceEquals(_evaluated, principal))
        {
            return _isReviewer;
        }

        _isReviewer = principal?.Identity?.IsAuthenticated == true && (await authorization.AuthorizeAsync(principal, MediaKitPolicies.Approve)).Succeeded;
        _evaluated = principal;
        return _isReviewer;
    }
}
