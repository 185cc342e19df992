namespace MediaKit.EfCore.Internal;

/// <summary>A background job's claim: which instance runs it, and until when.</summary>
internal sealed class MediaJobLease
{
    public string Job { get; set; } = "";

    public string Owner { get; set; } = "";

    public DateTimeOffset LeaseUntil { get; set; }
}
