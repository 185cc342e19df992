using MediaKit.EfCore;
using MediaKit.EfCore.Internal;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Microsoft.EntityFrameworkCore;

/// <summary>
/// Creates the SQLite full-text index behind <see cref="MediaSearchIndex.SqliteTrigram"/>, which EF Core's model cannot
/// describe (an FTS5 virtual table and triggers): from a migration, or at start-up after <c>EnsureCreated</c> or
/// <c>Migrate</c>.
/// </summary>
public static class MediaKitSearchIndexExtensions
{
    /// <summary>
    /// Adds to a migration the FTS5 table (<c>{prefix}assets_search</c>, <c>trigram</c> tokenizer, external content) over the
    /// assets' file name, title and alt text, the triggers that keep it in step on insert, update and delete, and fills it
    /// from the existing assets. Put it in the migration that creates MediaKit's tables, after <c>CreateTable</c>, or in a
    /// migration of its own. Idempotent.
    /// </summary>
    /// <remarks>
    /// A later SQLite migration that rebuilds the assets table (EF Core does so for changes SQLite cannot <c>ALTER</c>) drops
    /// the triggers with the old table: call this again at the end of such a migration, or call
    /// <see cref="EnsureMediaKitSearchIndexAsync"/> at start-up, which repairs it.
    /// </remarks>
    /// <param name="migrationBuilder">The migration's builder.</param>
    /// <param name="tablePrefix">The <see cref="MediaKitModelOptions.TablePrefix"/> the model uses. Default <c>media_</c>.</param>
    /// <returns>The same <paramref name="migrationBuilder"/>.</returns>
    public static MigrationBuilder AddMediaKitSqliteSearch(this MigrationBuilder migrationBuilder, string tablePrefix = "media_")
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        ArgumentNullException.ThrowIfNull(tablePrefix);
        migrationBuilder.Sql(SqliteSearchIndex.CreateScript(tablePrefix + "assets"));
        return migrationBuilder;
    }

    /// <summary>Removes what <see cref="AddMediaKitSqliteSearch"/> created (for a migration's <c>Down</c>). Idempotent.</summary>
    /// <param name="migrationBuilder">The migration's builder.</param>
    /// <param name="tablePrefix">The <see cref="MediaKitModelOptions.TablePrefix"/> the model uses. Default <c>media_</c>.</param>
    /// <returns>The same <paramref name="migrationBuilder"/>.</returns>
    public static MigrationBuilder DropMediaKitSqliteSearch(this MigrationBuilder migrationBuilder, string tablePrefix = "media_")
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        ArgumentNullException.ThrowIfNull(tablePrefix);
        migrationBuilder.Sql(SqliteSearchIndex.DropScript(tablePrefix + "assets"));
        return migrationBuilder;
    }

    /// <summary>
    /// When the context's model uses <see cref="MediaSearchIndex.SqliteTrigram"/>, creates the FTS5 table and its triggers if any
    /// of them is missing and then rebuilds the index from the assets; otherwise does nothing. Call it after
    /// <c>EnsureCreatedAsync()</c> (which creates only what the model describes) or after <c>MigrateAsync()</c> (it repairs
    /// what a table-rebuilding SQLite migration dropped). Costs one catalog query when everything is in place.
    /// </summary>
    /// <param name="database">The context's <see cref="DbContext.Database"/>.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns><see langword="true"/> when something was created or repaired.</returns>
    /// <exception cref="InvalidOperationException">The model uses the SQLite index but the context is not on SQLite.</exception>
    public static async Task<bool> EnsureMediaKitSearchIndexAsync(this DatabaseFacade database, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        var model = database.GetService<ICurrentDbContext>().Context.Model;
        if (SqliteSearchIndex.AssetsTable(model) is not { } assetsTable)
        {
            return false;
        }

        SqliteSearchIndex.CheckProvider(database);
        if (await SqliteSearchIndex.IsCompleteAsync(database, assetsTable, cancellationToken))
        {
            return false;
        }

        await database.ExecuteSqlRawAsync(SqliteSearchIndex.CreateScript(assetsTable), cancellationToken);
        return true;
    }
}
