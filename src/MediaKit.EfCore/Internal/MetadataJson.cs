using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace MediaKit.EfCore.Internal;

/// <summary>Stores <see cref="MediaAsset.Metadata"/> as one JSON object column (text on every provider).</summary>
internal static class MetadataJson
{
    public static ValueConverter<IDictionary<string, string>, string> Converter { get; } = new(
        metadata => Serialize(metadata),
        json => Deserialize(json));

    public static ValueComparer<IDictionary<string, string>> Comparer { get; } = new(
        (left, right) => Serialize(left) == Serialize(right),
        metadata => Serialize(metadata).GetHashCode(StringComparison.Ordinal),
        metadata => new Dictionary<string, string>(metadata, StringComparer.Ordinal));

    private static string Serialize(IDictionary<string, string>? metadata) =>
        metadata is null || metadata.Count == 0 ? "{}" : JsonSerializer.Serialize(new SortedDictionary<string, string>(metadata, StringComparer.Ordinal));

    private static IDictionary<string, string> Deserialize(string json) =>
        string.IsNullOrEmpty(json)
            ? new Dictionary<string, string>(StringComparer.Ordinal)
            : new Dictionary<string, string>(JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [], StringComparer.Ordinal);
}
