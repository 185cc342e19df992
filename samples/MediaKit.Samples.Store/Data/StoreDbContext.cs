using Microsoft.EntityFrameworkCore;

namespace MediaKit.Samples.Store.Data;

/// <summary>The store's own database; MediaKit's tables live in it next to the store's entities.</summary>
public sealed class StoreDbContext(DbContextOptions<StoreDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddMediaKit();
    }
}
