using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MediaKit.EfCore.Tests;

/// <summary>A real SQLite database in memory, kept alive by one open connection for the test's lifetime.</summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public override bool IsPostgreSql => false;

    public override DbContextOptions<TContext> Options<TContext>() => new DbContextOptionsBuilder<TContext>().UseSqlite(_connection).Options;

    public override async Task InitializeAsync()
    {
        await _connection.OpenAsync();
        await using var context = NewContext();
        await context.Database.EnsureCreatedAsync();
    }

    public override async Task DisposeAsync() => await _connection.DisposeAsync();

    public override async Task<List<string>> TableNamesAsync()
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return [.. names.Order(StringComparer.Ordinal)];
    }

    // SQLITE_CONSTRAINT_UNIQUE
    public override bool IsUniqueViolation(Exception error) => error is SqliteException { SqliteExtendedErrorCode: 2067 };
}
