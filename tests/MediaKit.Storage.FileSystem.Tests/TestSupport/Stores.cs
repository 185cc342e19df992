using MediaKit.Storage.FileSystem.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MediaKit.Storage.FileSystem.Tests.TestSupport;

internal static class Stores
{
    public static FileSystemBlobStore Create(string root, ILogger<FileSystemBlobStore>? logger = null, Action<FileSystemStorageOptions>? configure = null)
    {
        var options = new FileSystemStorageOptions { RootPath = root };
        configure?.Invoke(options);
        return new FileSystemBlobStore(Options.Create(options), logger);
    }
}

/// <summary>Keeps what was logged, so tests can pin the event ids operators filter on.</summary>
internal sealed class CapturingLogger<T> : ILogger<T>
{
    private readonly List<(LogLevel Level, EventId Id, string Message)> _entries = [];

    public IReadOnlyList<(LogLevel Level, EventId Id, string Message)> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_entries)
        {
            _entries.Add((logLevel, eventId, formatter(state, exception)));
        }
    }
}
