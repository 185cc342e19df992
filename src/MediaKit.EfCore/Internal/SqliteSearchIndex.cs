using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Metadata;

namespace MediaKit.EfCore.Internal;

/// <summary>
/// The SQL of <see cref="MediaSearchIndex.SqliteTrigram"/>: an external-content FTS5 table with the <c>trigram</c> tokenizer
/// over the assets' file name, title and alt text, and the three triggers that keep it in step with the assets table.
/// </summary>
/// <remarks>
/// The FTS rows are keyed by the assets table's <c>rowid</c> (the table has a GUID primary key, so its rowid is implicit).
/// Every statement is idempotent, so the same script serves a migration, <c>EnsureCreated</c> and a repair after a
/// migration that rebuilt the assets table (SQLite drops a table's triggers with it, and the rebuilt rows get new rowids).
/// </remarks>
internal static class SqliteSearchIndex
{
    /// <summary>The model annotation that records the option; its value is the assets table's name.</summary>
    public const string Annotation = "MediaKit:SqliteSearchTable";

    /// <summary>The shortest term the trigram index can answer; shorter terms fall back to scanning.</summary>
    public const int MinimumTermLength = 3;

    public static string TableName(string assetsTable) => assetsTable + "_search";

    private static string[] TriggerNames(string assetsTable)
        => [assetsTable + "_search_ai", assetsTable + "_search_ad", assetsTable + "_search_au"];

    public const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";

    /// <summary>Fails with a message that names the setting when the SQLite index is chosen for another provider.</summary>
    public static void CheckProvider(DatabaseFacade database)
    {
        if (database.ProviderName != SqliteProvider)
        {
            throw new InvalidOperationException(
                $"MediaKit: SearchIndex = SqliteTrigram needs SQLite, but the context uses {database.ProviderName}. Choose the search index by provider in OnModelCreating.");
        }
    }

    /// <summary>The assets table's name when <paramref name="model"/> uses the SQLite trigram index, or <see langword="null"/>.</summary>
    public static string? AssetsTable(IModel model) => model.FindAnnotation(Annotation)?.Value as string;

    /// <summary>Creates what is missing (table, triggers) and, when anything was missing, rebuilds the index from the assets.</summary>
    public static string CreateScript(string assetsTable)
    {
        var search = Quote(TableName(assetsTable));
        var assets = Quote(assetsTable);
        var names = TriggerNames(assetsTable);
        var script = new StringBuilder();
        script.Append(CultureInfo.InvariantCulture, $"""
            CREATE VIRTUAL TABLE IF NOT EXISTS {search} USING fts5("FileName", "Title", "AltText", content={Literal(assetsTable)}, content_rowid='rowid', tokenize='trigram');
            CREATE TRIGGER IF NOT EXISTS {Quote(names[0])} AFTER INSERT ON {assets} BEGIN
              INSERT INTO {search}(rowid, "FileName", "Title", "AltText") VALUES (new.rowid, new."FileName", new."Title", new."AltText");
            END;
            CREATE TRIGGER IF NOT EXISTS {Quote(names[1])} AFTER DELETE ON {assets} BEGIN
              INSERT INTO {search}({search}, rowid, "FileName", "Title", "AltText") VALUES ('delete', old.rowid, old."FileName", old."Title", old."AltText");
            END;
            CREATE TRIGGER IF NOT EXISTS {Quote(names[2])} AFTER UPDATE OF "FileName", "Title", "AltText" ON {assets} BEGIN
              INSERT INTO {search}({search}, rowid, "FileName", "Title", "AltText") VALUES ('delete', old.rowid, old."FileName", old."Title", old."AltText");
              INSERT INTO {search}(rowid, "FileName", "Title", "AltText") VALUES (new.rowid, new."FileName", new."Title", new."AltText");
            END;
            INSERT INTO {search}({search}) VALUES ('rebuild');
            """);
        return script.ToString();
    }

    /// <summary>Removes the triggers and the FTS table.</summary>
    public static string DropScript(string assetsTable)
    {
        var script = new StringBuilder();
        foreach (var trigger in TriggerNames(assetsTable))
        {
            script.Append(CultureInfo.InvariantCulture, $"DROP TRIGGER IF EXISTS {Quote(trigger)};\n");
        }

        script.Append(CultureInfo.InvariantCulture, $"DROP TABLE IF EXISTS {Quote(TableName(assetsTable))};\n");
        return script.ToString();
    }

    /// <summary>Whether the FTS table and all three triggers exist.</summary>
    public static async Task<bool> IsCompleteAsync(DatabaseFacade database, string assetsTable, CancellationToken cancellationToken)
    {
        var expected = TriggerNames(assetsTable).Append(TableName(assetsTable)).ToList();
        var connection = database.GetDbConnection();
        await database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = database.CurrentTransaction?.GetDbTransaction();
            var parameters = new List<string>();
            for (var i = 0; i < expected.Count; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "$n" + i.ToString(CultureInfo.InvariantCulture);
                parameter.Value = expected[i];
                command.Parameters.Add(parameter);
                parameters.Add(parameter.ParameterName);
            }

            command.CommandText = $"SELECT count(*) FROM sqlite_master WHERE name IN ({string.Join(", ", parameters)})";
            var found = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            return found == expected.Count;
        }
        finally
        {
            await database.CloseConnectionAsync();
        }
    }

    /// <summary>The FTS5 query for a substring: one quoted string, which the trigram tokenizer reads as consecutive trigrams.</summary>
    public static string MatchExpression(string term) => "\"" + term.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Assets whose file name, title or alt text contains the phrase, as a composable query over the assets table.</summary>
    public static string AssetsMatchingSql(string assetsTable)
    {
        var search = Quote(TableName(assetsTable));
        return $"SELECT * FROM {Quote(assetsTable)} WHERE rowid IN (SELECT rowid FROM {search} WHERE {search} MATCH {{0}})";
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
