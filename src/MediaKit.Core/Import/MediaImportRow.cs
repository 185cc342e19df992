namespace MediaKit;

/// <summary>One reference to import: "product 42's <c>image</c> field is the file at this URL".</summary>
public sealed record MediaImportRow
{
    /// <summary>Creates a row.</summary>
    /// <param name="resourceType">The kind of entity that uses the file, such as <c>product</c>.</param>
    /// <param name="resourceId">The entity's id, such as <c>42</c>.</param>
    /// <param name="field">The entity's field, such as <c>image</c> or <c>gallery</c>.</param>
    /// <param name="source">An absolute <c>http</c> or <c>https</c> URL, or a fully qualified local path under one of
    /// <see cref="MediaImportOptions.AllowedRoots"/>.</param>
    /// <param name="collection">The collection whose upload policy applies, such as <c>products</c>.</param>
    public MediaImportRow(string resourceType, string resourceId, string field, string source, string collection)
    {
        ResourceType = resourceType;
        ResourceId = resourceId;
        Field = field;
        Source = source;
        Collection = collection;
    }

    /// <summary>The kind of entity that uses the file, such as <c>product</c>.</summary>
    public string ResourceType { get; init; }

    /// <summary>The entity's id.</summary>
    public string ResourceId { get; init; }

    /// <summary>The entity's field that holds the reference.</summary>
    public string Field { get; init; }

    /// <summary>An absolute <c>http</c>/<c>https</c> URL or a fully qualified local path.</summary>
    public string Source { get; init; }

    /// <summary>The collection whose upload policy applies.</summary>
    public string Collection { get; init; }

    /// <summary>
    /// The zero-based position of the file in an ordered field (a gallery); <see langword="null"/> to append. A position
    /// past the end appends.
    /// </summary>
    public int? Position { get; init; }
}
