using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace MediaKit.Benchmarks.Picker;

/// <summary>
/// Grows the sample's SQLite catalog to thousands of assets without uploading them: each clone copies the row of one
/// uploaded asset (<c>media_assets</c>) and of its variants (<c>media_variants</c>) with a new id, file name, hash, date
/// and concurrency stamp, and storage keys in a folder of its own, whose files are hard links to the source's files
/// (storage keys are unique per row, and the file-system store refuses symbolic links). The column lists are read from
/// the tables, so a new column is copied as it is. Run it while the app is stopped.
/// </summary>
internal static partial class CatalogCloner
{
    // As EF Core writes DateTime to SQLite: trailing zeros of the fraction left out.
    private const string DateFormat = "yyyy-MM-dd HH:mm:ss.FFFFFFF";

    /// <summary>Adds <paramref name="count"/> clones of <paramref name="sources"/> (round robin), each one second older than the last.</summary>
    /// <returns>How many files were hard-linked (the rest were copied).</returns>
    public static int Clone(string databasePath, string mediaRoot, IReadOnlyList<Guid> sources, int count)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadWrite }.ToString());
        connection.Open();
        var assetColumns = Columns(connection, "media_assets");
        var variantColumns = Columns(connection, "media_variants");

        // The sources' keys and dates, to place the clones' folders and to date them before the sources.
        var source = new List<(string Id, string Key, string FileName, DateTime CreatedAt, List<string> VariantKeys)>();
        foreach (var id in sources)
        {
            var upper = id.ToString().ToUpperInvariant();
            using var read = connection.CreateCommand();
            read.CommandText = "SELECT StorageKey, CreatedAt, FileName FROM media_assets WHERE Id = $id";
            read.Parameters.AddWithValue("$id", upper);
            using var reader = read.ExecuteReader();
            if (!reader.Read())
            {
                throw new InvalidOperationException($"Asset {upper} is not in {databasePath}.");
            }

            var key = reader.GetString(0);
            var created = DateTime.ParseExact(reader.GetString(1), DateFormat, CultureInfo.InvariantCulture);
            var fileName = reader.GetString(2);
            reader.Close();
            using var readVariants = connection.CreateCommand();
            readVariants.CommandText = "SELECT StorageKey FROM media_variants WHERE AssetId = $id";
            readVariants.Parameters.AddWithValue("$id", upper);
            var keys = new List<string>();
            using (var variantReader = readVariants.ExecuteReader())
            {
                while (variantReader.Read())
                {
                    keys.Add(variantReader.GetString(0));
                }
            }

            source.Add((upper, key, fileName, created, keys));
        }

        var oldest = source.Min(s => s.CreatedAt);
        var assetOverrides = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Id"] = "$newId",
            ["StorageKey"] = "replace(StorageKey, $oldFolder, $newFolder)",
            ["FileName"] = "$fileName",
            ["Sha256"] = "$sha",
            ["CreatedAt"] = "$created",
            ["UpdatedAt"] = "$created",
            ["ConcurrencyStamp"] = "$stamp",
        };
        var variantOverrides = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AssetId"] = "$newId",
            ["StorageKey"] = "replace(StorageKey, $oldFolder, $newFolder)",
            ["CreatedAt"] = "$created",
        };

        using var transaction = connection.BeginTransaction();
        using var insertAsset = connection.CreateCommand();
        insertAsset.Transaction = transaction;
        insertAsset.CommandText = InsertSelect("media_assets", assetColumns, assetOverrides, "Id");
        using var insertVariants = connection.CreateCommand();
        insertVariants.Transaction = transaction;
        insertVariants.CommandText = InsertSelect("media_variants", variantColumns, variantOverrides, "AssetId");
        foreach (var name in new[] { "$newId", "$srcId", "$oldFolder", "$newFolder", "$fileName", "$sha", "$created", "$stamp" })
        {
            insertAsset.Parameters.Add(new SqliteParameter(name, ""));
            insertVariants.Parameters.Add(new SqliteParameter(name, ""));
        }

        insertAsset.Prepare();
        insertVariants.Prepare();
        var linked = 0;
        for (var i = 0; i < count; i++)
        {
            var (srcId, srcKey, srcName, _, variantKeys) = source[i % source.Count];
            var created = oldest.AddSeconds(-(i + 1));
            var newId = Guid.CreateVersion7(new DateTimeOffset(created, TimeSpan.Zero));
            var oldFolder = "/" + Guid.Parse(srcId).ToString("N") + "/";
            var newFolder = "/" + newId.ToString("N") + "/";
            var values = new Dictionary<string, object>
            {
                ["$newId"] = newId.ToString().ToUpperInvariant(),
                ["$srcId"] = srcId,
                ["$oldFolder"] = oldFolder,
                ["$newFolder"] = newFolder,
                ["$fileName"] = $"{Path.GetFileNameWithoutExtension(srcName)}-copy-{i:00000}{Path.GetExtension(srcName)}",
                ["$sha"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
                ["$created"] = created.ToString(DateFormat, CultureInfo.InvariantCulture),
                ["$stamp"] = Guid.NewGuid().ToString().ToUpperInvariant(),
            };
            foreach (var command in new[] { insertAsset, insertVariants })
            {
                foreach (var (name, value) in values)
                {
                    command.Parameters[name].Value = value;
                }

                command.ExecuteNonQuery();
            }

            foreach (var key in variantKeys.Prepend(srcKey))
            {
                var from = Path.Combine(mediaRoot, key);
                var to = Path.Combine(mediaRoot, key.Replace(oldFolder, newFolder, StringComparison.Ordinal));
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                if (Link(from, to) == 0)
                {
                    linked++;
                }
                else
                {
                    File.Copy(from, to);
                }
            }
        }

        transaction.Commit();
        return linked;
    }

    /// <summary>How many live assets the catalog holds.</summary>
    public static long CountAssets(string databasePath)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM media_assets WHERE DeletedAt IS NULL";
        return (long)command.ExecuteScalar()!;
    }

    private static List<string> Columns(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name FROM pragma_table_info('{table}')";
        using var reader = command.ExecuteReader();
        var columns = new List<string>();
        while (reader.Read())
        {
            columns.Add(reader.GetString(0));
        }

        return columns.Count > 0 ? columns : throw new InvalidOperationException($"No table {table}: is this the sample's catalog?");
    }

    private static string InsertSelect(string table, List<string> columns, Dictionary<string, string> overrides, string keyColumn)
    {
        var names = string.Join(", ", columns.Select(c => $"\"{c}\""));
        var values = string.Join(", ", columns.Select(c => overrides.TryGetValue(c, out var value) ? value : $"\"{c}\""));
        return $"INSERT INTO \"{table}\" ({names}) SELECT {values} FROM \"{table}\" WHERE \"{keyColumn}\" = $srcId";
    }

    // A hard link is a second name of the same file: no bytes copied, and not a symbolic link.
    [LibraryImport("libc", EntryPoint = "link", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Link(string existing, string created);
}
