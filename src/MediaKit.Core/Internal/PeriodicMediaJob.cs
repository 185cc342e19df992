using Microsoft.Extensions.Hosting;

namespace MediaKit.Internal;

/// <summary>
/// A background job that runs once at startup and then on every tick of its interval (cleanup, variant backfill, store moves).
/// A failed run is logged and retried at the next tick; only stopping the host ends the loop. Whether several instances may run
/// at once is the job's own business (each takes leases in the database).
/// </summary>
internal abstract class PeriodicMediaJob(TimeProvider time) : BackgroundService
{
    /// <summary>The time between two runs.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>One run of the job.</summary>
    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    /// <summary>Logs a run that failed.</summary>
    protected abstract void LogFailure(Exception exception);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogFailure(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
