using Microsoft.EntityFrameworkCore;

namespace MediaKit.EfCore.Internal;

/// <summary>Runs a conditional change and the audit entries staged for it in one transaction, on the host's context.</summary>
internal static class EfTransactions
{
    /// <summary>
    /// Runs <paramref name="work"/> in a transaction (joining the host's, if one is open) through the context's execution
    /// strategy. <paramref name="work"/> returns whether to keep its changes: <see langword="true"/> saves the pending changes
    /// (the staged audit entries) and commits; <see langword="false"/> rolls back and discards the staged entries.
    /// </summary>
    public static Task<T> RunAsync<T>(DbContext context, Func<CancellationToken, Task<(bool Keep, T Result)>> work, CancellationToken cancellationToken)
    {
        var strategy = context.Database.CreateExecutionStrategy();
        return strategy.ExecuteAsync(async ct =>
        {
            var outer = context.Database.CurrentTransaction;
            await using var transaction = outer is null ? await context.Database.BeginTransactionAsync(ct) : null;
            try
            {
                var (keep, result) = await work(ct);
                if (!keep)
                {
                    if (transaction is not null)
                    {
                        await transaction.RollbackAsync(CancellationToken.None);
                    }

                    EfMediaAuditCatalog<DbContext>.DiscardStaged(context);
                    return result;
                }

                await context.SaveChangesAsync(ct);
                if (transaction is not null)
                {
                    await transaction.CommitAsync(ct);
                }

                return result;
            }
            catch
            {
                EfMediaAuditCatalog<DbContext>.DiscardStaged(context);
                throw;
            }
        }, cancellationToken);
    }
}
