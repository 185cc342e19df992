using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MediaKit.EfCore.Tests;

/// <summary>
/// A database of its own on the PostgreSQL server named by <c>MEDIAKIT_POSTGRES</c>, for one test class: created with
/// <see cref="StoreDbContext"/>'s tables before the class's first test and dropped after its last.
/// </summary>
/// <remarks>
/// <c>eng/test.sh</c> starts the server (<c>eng/services/postgres-start.sh</c>) and exports the variable. Without it, test
/// classes that use this fixture are skipped (see <see cref="DatabaseFactAttribute"/>) — except when <c>CI</c> is
/// <c>true</c>, where this fixture fails them instead, so a CI run cannot pass without PostgreSQL.
/// </remarks>
public sealed class PostgreSqlDatabase : IAsyncLifetime
{
    public const string Variable = "MEDIAKIT_POSTGRES";

    private static int s_count;

    private NpgsqlDataSource? _dataSource;
    private string? _name;

    /// <summary>The server's connection string, or <see langword="null"/> when the variable is not set.</summary>
    public static string? ServerConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    /// <summary>Why tests that need PostgreSQL do not run here, or <see langword="null"/> when they do (or must, in CI).</summary>
    public static string? SkipReason
        => ServerConnectionString is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            ? $"PostgreSQL tests need {Variable} (a connection string); run eng/services/postgres-start.sh and source artifacts/services/postgres.env, or run eng/test.sh."
            : null;

    public NpgsqlDataSource DataSource => _dataSource ?? throw new InvalidOperationException("The database is not created yet.");

    public async Task InitializeAsync()
    {
        if (SkipReason is not null)
        {
            // The tests of this class are reported as skipped; nothing to create.
            return;
        }

        var server = ServerConnectionString ?? throw new InvalidOperationException(
            $"CI=true but {Variable} is not set: PostgreSQL tests must run in CI. eng/test.sh starts the server and exports it.");
        _name = string.Create(CultureInfo.InvariantCulture, $"mediakit_test_{Environment.ProcessId}_{Interlocked.Increment(ref s_count)}");
        await using (var admin = NpgsqlDataSource.Create(server))
        await using (var command = admin.CreateCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE); CREATE DATABASE {_name}"))
        {
            await command.ExecuteNonQueryAsync();
        }

        _dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(server) { Database = _name }.ConnectionString);
        await using var context = new StoreDbContext(Options<StoreDbContext>());
        await context.Database.EnsureCreatedAsync();
    }

    public DbContextOptions<TContext> Options<TContext>()
        where TContext : DbContext
        => new DbContextOptionsBuilder<TContext>().UseNpgsql(DataSource).Options;

    public async Task DisposeAsync()
    {
        if (_dataSource is null)
        {
            return;
        }

        await _dataSource.DisposeAsync();
        await using var admin = NpgsqlDataSource.Create(ServerConnectionString!);
        await using var command = admin.CreateCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>One test's view of its class's <see cref="PostgreSqlDatabase"/>: every table emptied before the test.</summary>
public sealed class PostgreSqlTestDatabase(PostgreSqlDatabase database) : TestDatabase
{
    public override bool IsPostgreSql => true;

    public PostgreSqlDatabase Database => database;

    public override DbContextOptions<TContext> Options<TContext>() => database.Options<TContext>();

    public override async Task InitializeAsync()
    {
        await using var context = NewContext();
        var tables = context.Model.GetEntityTypes().Select(t => t.GetTableName()).Distinct().Select(t => $"\"{t}\"");
        await using var command = database.DataSource.CreateCommand($"TRUNCATE {string.Join(", ", tables)} RESTART IDENTITY CASCADE");
        await command.ExecuteNonQueryAsync();
    }

    public override Task DisposeAsync() => Task.CompletedTask;

    public override async Task<List<string>> TableNamesAsync()
    {
        await using var command = database.DataSource.CreateCommand("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()");
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return [.. names.Order(StringComparer.Ordinal)];
    }

    public override bool IsUniqueViolation(Exception error) => error is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
