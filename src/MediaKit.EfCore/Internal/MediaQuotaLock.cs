namespace MediaKit.EfCore.Internal;

/// <summary>
/// The row one owner's quota admissions lock, per tenant and collection: whoever updates it holds it until their transaction
/// ends, so the usage read after it cannot change until the insert it admits is committed. It holds no usage itself; usage
/// is always summed from the assets, so it can never drift.
/// </summary>
internal sealed class MediaQuotaLock
{
    public string TenantId { get; set; } = "";

    public string Collection { get; set; } = "";

    /// <summary>The uploader, or the empty string for uploads without one.</summary>
    public string Owner { get; set; } = "";

    /// <summary>How many admissions took the lock; written only to take it.</summary>
    public long Admissions { get; set; }
}
