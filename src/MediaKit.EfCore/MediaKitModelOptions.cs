namespace MediaKit.EfCore;

/// <summary>How <c>modelBuilder.AddMediaKit()</c> maps MediaKit's tables into the host's <c>DbContext</c>.</summary>
public sealed class MediaKitModelOptions
{
    /// <summary>
    /// The prefix of every MediaKit table name, such as <c>media_assets</c>. Default <c>media_</c>.
    /// May be empty; changing it after a database was created requires a migration that renames the tables.
    /// </summary>
    public string TablePrefix { get; set; } = "media_";
}
