using Microsoft.AspNetCore.Http;

namespace MediaKit.AspNetCore.Internal;

/// <summary>Maps typed errors to ProblemDetails with a stable <c>code</c> extension.</summary>
internal static class MediaProblems
{
    public static int StatusCodeOf(string code) => code switch
    {
        MediaErrorCodes.NotFound or MediaErrorCodes.ShareNotFound or MediaErrorCodes.ShareExpired or MediaErrorCodes.ShareExhausted => StatusCodes.Status404NotFound,
        MediaErrorCodes.QuotaExceeded => StatusCodes.Status413PayloadTooLarge,
        MediaErrorCodes.TooLarge => StatusCodes.Status413PayloadTooLarge,
        MediaErrorCodes.TypeNotAllowed or MediaErrorCodes.TypeMismatch or MediaErrorCodes.CodecUnavailable => StatusCodes.Status415UnsupportedMediaType,
        MediaErrorCodes.Infected or MediaErrorCodes.Corrupt => StatusCodes.Status422UnprocessableEntity,
        MediaErrorCodes.BlobExists or MediaErrorCodes.InUse or MediaErrorCodes.Conflict => StatusCodes.Status409Conflict,
        MediaErrorCodes.SvgInvalid or MediaErrorCodes.TooManyFrames or MediaErrorCodes.ProcessingFailed or MediaErrorCodes.ProcessingTimeout
            => StatusCodes.Status422UnprocessableEntity,
        MediaErrorCodes.ScanUnavailable or MediaErrorCodes.ScanFailed => StatusCodes.Status503ServiceUnavailable,
        MediaErrorCodes.Unauthenticated => StatusCodes.Status401Unauthorized,
        MediaErrorCodes.Forbidden => StatusCodes.Status403Forbidden,
        MediaErrorCodes.RateLimited => StatusCodes.Status429TooManyRequests,
        MediaErrorCodes.StorageFailed or MediaErrorCodes.CatalogFailed => StatusCodes.Status503ServiceUnavailable,
        MediaErrorCodes.SignatureRequired or MediaErrorCodes.SignatureInvalid or MediaErrorCodes.SignatureExpired => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status400BadRequest,
    };

    public static IResult From(MediaException exception) => Problem(exception.Code, exception.Message);

    /// <summary>A 409 that lists where the asset is used, so a client can show it or retry with <c>force=true</c>.</summary>
    public static IResult InUse(MediaInUseException exception)
        => Problem(exception.Code, exception.Message, extensions: new Dictionary<string, object?>
        {
            ["totalUsages"] = exception.TotalUsages,
            ["usages"] = exception.Usages.Select(u => new { u.ResourceType, u.ResourceId, u.Field, u.Position }).ToList(),
        });

    public static IResult Problem(string code, string detail, int? status = null, Dictionary<string, object?>? extensions = null)
    {
        extensions ??= [];
        extensions["code"] = code;
        return Results.Problem(
            detail: detail,
            statusCode: status ?? StatusCodeOf(code),
            title: TitleOf(code),
            type: "urn:mediakit:error:" + code,
            extensions: extensions);
    }

    private static string TitleOf(string code) => code switch
    {
        MediaErrorCodes.NotFound => "Media asset not found",
        MediaErrorCodes.QuotaExceeded => "Storage quota exceeded",
        MediaErrorCodes.ShareNotFound => "Share link not found",
        MediaErrorCodes.ShareExpired => "Share link expired",
        MediaErrorCodes.ShareExhausted => "Share link used up",
        MediaErrorCodes.TooLarge => "File too large",
        MediaErrorCodes.TypeNotAllowed => "File type not allowed",
        MediaErrorCodes.TypeMismatch => "File type does not match its content",
        MediaErrorCodes.Infected => "File refused by the malware scanner",
        MediaErrorCodes.StorageFailed => "Storage unavailable",
        MediaErrorCodes.CatalogFailed => "Catalog unavailable",
        MediaErrorCodes.Empty => "Empty file",
        MediaErrorCodes.Corrupt => "File cannot be decoded",
        MediaErrorCodes.UploadIncomplete => "Upload incomplete",
        MediaErrorCodes.UnknownCollection => "Unknown collection",
        MediaErrorCodes.InUse => "Media asset in use",
        MediaErrorCodes.SignatureRequired => "Signed URL required",
        MediaErrorCodes.SignatureInvalid => "Signed URL invalid",
        MediaErrorCodes.SignatureExpired => "Signed URL expired",
        _ => "Invalid request",
    };
}
