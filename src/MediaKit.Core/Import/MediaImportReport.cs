namespace MediaKit;

/// <summary>What happened to one import row.</summary>
public enum MediaImportOutcome
{
    /// <summary>The source was stored (or matched an identical asset of a de-duplicating collection) and the field now references it.</summary>
    Imported = 0,

    /// <summary>The field already references an asset of the row's collection with the same content; nothing was stored.</summary>
    AlreadyImported = 1,

    /// <summary>The row was not imported; <see cref="MediaImportRowResult.ErrorCode"/> says why.</summary>
    Failed = 2,
}

/// <summary>The result of one import row.</summary>
/// <param name="RowNumber">The row's one-based number in the order the rows were given.</param>
/// <param name="Row">The row.</param>
/// <param name="Outcome">What happened.</param>
/// <param name="AssetId">The asset the field references, unless the row failed.</param>
/// <param name="ErrorCode">One of <see cref="MediaErrorCodes"/> when the row failed: an import code such as
/// <see cref="MediaErrorCodes.ImportForbiddenAddress"/>, or the upload's or the usage's own code such as
/// <see cref="MediaErrorCodes.TypeMismatch"/>.</param>
/// <param name="ErrorMessage">A message for people when the row failed.</param>
public sealed record MediaImportRowResult(int RowNumber, MediaImportRow Row, MediaImportOutcome Outcome, Guid? AssetId, string? ErrorCode, string? ErrorMessage);

/// <summary>The report of an import: one result per row, in row order.</summary>
public sealed class MediaImportReport
{
    /// <summary>Creates a report.</summary>
    /// <param name="rows">The results, in row order.</param>
    public MediaImportReport(IReadOnlyList<MediaImportRowResult> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        Rows = rows;
    }

    /// <summary>The results, in row order.</summary>
    public IReadOnlyList<MediaImportRowResult> Rows { get; }

    /// <summary>How many rows were imported.</summary>
    public int Imported => Rows.Count(r => r.Outcome == MediaImportOutcome.Imported);

    /// <summary>How many rows were already imported.</summary>
    public int AlreadyImported => Rows.Count(r => r.Outcome == MediaImportOutcome.AlreadyImported);

    /// <summary>How many rows failed.</summary>
    public int Failed => Rows.Count(r => r.Outcome == MediaImportOutcome.Failed);
}
