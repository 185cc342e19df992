namespace MediaKit;

/// <summary>
/// Returned by <c>services.AddMediaKit()</c>; provider packages add <c>Use…</c> extension methods to it
/// (<c>UseEntityFrameworkCore</c>, <c>UseFileSystemStorage</c>, <c>UseS3Storage</c>, <c>UseVipsImaging</c>).
/// </summary>
public interface IMediaKitBuilder
{
    /// <summary>The application's services.</summary>
    Microsoft.Extensions.DependencyInjection.IServiceCollection Services { get; }
}
