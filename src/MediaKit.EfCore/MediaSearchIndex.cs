namespace MediaKit.EfCore;

/// <summary>Which database index backs the case-insensitive substring search on file name, title and alt text.</summary>
public enum MediaSearchIndex
{
    /// <summary>
    /// No search index: the search compares <c>lower(column)</c> with the term row by row. Right for SQLite and for small
    /// libraries on any provider.
    /// </summary>
    None = 0,

    /// <summary>
    /// PostgreSQL only: stored generated columns hold the lower-cased file name, title and alt text, each indexed with a
    /// <c>pg_trgm</c> GIN index (<c>gin_trgm_ops</c>), and the search becomes <c>LIKE '%term%'</c> on them, which those indexes
    /// serve for terms of three characters or more. The model also declares the <c>pg_trgm</c> extension, so
    /// <c>EnsureCreated</c> and migrations run <c>CREATE EXTENSION IF NOT EXISTS pg_trgm</c>; the database user needs the
    /// right to create it (it is a trusted extension: the database owner may) or a superuser creates it beforehand.
    /// </summary>
    PostgreSqlTrigram = 1,

    /// <summary>
    /// SQLite only: an FTS5 table with the <c>trigram</c> tokenizer (<c>{prefix}assets_search</c>, external content over the
    /// assets table, kept in step by triggers) indexes the file name, title and alt text, and a search for a term of three
    /// characters or more becomes an FTS5 <c>MATCH</c> of the term as a phrase, which the index answers; shorter terms scan as with
    /// <see cref="None"/>. The trigram tokenizer folds case for all of Unicode (the scan folds ASCII letters only).
    /// EF Core's model cannot describe a virtual table or triggers: create them with
    /// <c>migrationBuilder.AddMediaKitSqliteSearch()</c> in a migration, or with
    /// <c>Database.EnsureMediaKitSearchIndexAsync()</c> after <c>EnsureCreatedAsync()</c> or <c>MigrateAsync()</c>.
    /// </summary>
    SqliteTrigram = 2,
}
