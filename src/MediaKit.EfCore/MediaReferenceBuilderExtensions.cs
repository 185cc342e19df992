using MediaKit.EfCore.Internal;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Microsoft.EntityFrameworkCore;

/// <summary>
/// Marks properties of the host's own entities as references to media assets, so that
/// <see cref="MediaKitDbContextOptionsBuilderExtensions.UseMediaKitUsageTracking"/> keeps the usage table in step on every
/// <c>SaveChanges</c>: no manual usage calls in host code.
/// </summary>
public static class MediaReferenceBuilderExtensions
{
    /// <summary>
    /// Marks a property as a reference to media assets: a single asset id (<see cref="Guid"/> or <see cref="Nullable{Guid}"/>)
    /// or an ordered list of ids (any <see cref="IEnumerable{Guid}"/> that EF Core maps, such as <c>List&lt;Guid&gt;</c>).
    /// </summary>
    /// <typeparam name="TProperty">The property's type.</typeparam>
    /// <param name="property">The property.</param>
    /// <param name="field">The usage's field name; default: the property name in snake case (<c>GalleryIds</c> → <c>gallery_ids</c>).</param>
    /// <returns>The same <paramref name="property"/>.</returns>
    /// <exception cref="ArgumentException">The property is not a <see cref="Guid"/>, a nullable one, or an enumerable of them.</exception>
    public static PropertyBuilder<TProperty> IsMediaReference<TProperty>(this PropertyBuilder<TProperty> property, string? field = null)
    {
        ArgumentNullException.ThrowIfNull(property);
        if (typeof(TProperty) != typeof(Guid) && typeof(TProperty) != typeof(Guid?) && !typeof(IEnumerable<Guid>).IsAssignableFrom(typeof(TProperty)))
        {
            throw new ArgumentException($"MediaKit: {property.Metadata.Name} is a {typeof(TProperty).Name}; a media reference is a Guid, a Guid? or a list of Guid.", nameof(property));
        }

        var name = field ?? MediaReferences.SnakeCase(property.Metadata.Name);
        if (name.Length is 0 or > 64)
        {
            throw new ArgumentException("MediaKit: a media reference's field name has 1 to 64 characters.", nameof(field));
        }

        property.HasAnnotation(MediaReferences.FieldAnnotation, name);
        return property;
    }

    /// <summary>Sets the resource type recorded in usages of this entity's media references (default: the entity's CLR name in snake case).</summary>
    /// <typeparam name="TEntity">The entity.</typeparam>
    /// <param name="entity">The entity's builder.</param>
    /// <param name="resourceType">The resource type, such as <c>product</c>; 1 to 64 characters.</param>
    /// <returns>The same <paramref name="entity"/>.</returns>
    public static EntityTypeBuilder<TEntity> HasMediaResourceType<TEntity>(this EntityTypeBuilder<TEntity> entity, string resourceType)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentException.ThrowIfNullOrEmpty(resourceType);
        if (resourceType.Length > 64)
        {
            throw new ArgumentException("MediaKit: a resource type has at most 64 characters.", nameof(resourceType));
        }

        entity.HasAnnotation(MediaReferences.ResourceTypeAnnotation, resourceType);
        return entity;
    }
}

/// <summary>Turns on declarative usage tracking for a <see cref="DbContext"/>.</summary>
public static class MediaKitDbContextOptionsBuilderExtensions
{
    /// <summary>
    /// Keeps MediaKit's usage table in step with the properties marked by
    /// <see cref="MediaReferenceBuilderExtensions.IsMediaReference"/>: on insert, update and delete of the host's entities,
    /// in the same transaction as the host's own changes. A referenced id that is not a live asset of the current tenant
    /// fails the save with <c>MediaNotFoundException</c>.
    /// </summary>
    /// <param name="options">The context's options builder, in <c>AddDbContext((services, options) =&gt; ...)</c>.</param>
    /// <param name="services">The scope's services, from which the current tenant and the clock are taken at each save.</param>
    /// <returns>The same <paramref name="options"/>.</returns>
    public static DbContextOptionsBuilder UseMediaKitUsageTracking(this DbContextOptionsBuilder options, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        return options.AddInterceptors(new MediaUsageTrackingInterceptor(services));
    }
}
