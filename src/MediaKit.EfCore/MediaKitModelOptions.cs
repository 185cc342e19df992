namespace MediaKit.EfCore;

/// <summary>How <c>modelBuilder.AddMediaKit()</c> maps MediaKit's tables into the host's <c>DbContext</c>.</summary>
public sealed class MediaKitModelOptions
{
    /// <summary>
    /// The prefix of every MediaKit table name, such as <c>media_assets</c>. Default <c>media_</c>.
    /// May be empty; changing it after a database was created requires a migration that renames the tables.
    /// </summary>
    public string TablePrefix { get; set; } = "media_";

    /// <summary>
    /// The index behind the substring search of asset listings. Default <see cref="MediaSearchIndex.None"/>; set
    /// <see cref="MediaSearchIndex.PostgreSqlTrigram"/> when the context uses PostgreSQL (Npgsql) and
    /// <see cref="MediaSearchIndex.SqliteTrigram"/> when it uses SQLite. Changing it after a database
    /// was created requires a migration.
    /// </summary>
    public MediaSearchIndex SearchIndex { get; set; } = MediaSearchIndex.None;
}
