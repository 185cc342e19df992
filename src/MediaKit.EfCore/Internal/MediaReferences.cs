using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace MediaKit.EfCore.Internal;

/// <summary>Reads the media references declared on the host's entity types.</summary>
internal static class MediaReferences
{
    public const string FieldAnnotation = "MediaKit:MediaReferenceField";
    public const string ResourceTypeAnnotation = "MediaKit:MediaResourceType";

    public static IReadOnlyList<(IProperty Property, string Field)> Of(IEntityType entityType)
        => [.. entityType.GetProperties()
            .Select(p => (Property: p, Field: p.FindAnnotation(FieldAnnotation)?.Value as string))
            .Where(p => p.Field is not null)
            .Select(p => (p.Property, p.Field!))];

    public static string ResourceType(IEntityType entityType)
        => entityType.FindAnnotation(ResourceTypeAnnotation)?.Value as string ?? SnakeCase(entityType.ClrType.Name);

    public static string ResourceId(EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey() ?? throw new InvalidOperationException($"MediaKit: {entry.Metadata.DisplayName()} has media references but no primary key.");
        return string.Join(",", key.Properties.Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue, CultureInfo.InvariantCulture)));
    }

    public static bool HasTemporaryKey(EntityEntry entry)
        => entry.Metadata.FindPrimaryKey()?.Properties.Any(p => entry.Property(p.Name).IsTemporary) == true;

    /// <summary>The asset ids a reference holds, in order, without empty ids and repeats.</summary>
    public static List<Guid> Values(object? value) => value switch
    {
        null => [],
        Guid id => id == Guid.Empty ? [] : [id],
        IEnumerable<Guid> ids => [.. ids.Where(id => id != Guid.Empty).Distinct()],
        _ => [],
    };

    public static string SnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }
}
