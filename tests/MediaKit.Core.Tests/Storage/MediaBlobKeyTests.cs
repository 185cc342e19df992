using MediaKit.Internal;
using MediaKit.Storage;

namespace MediaKit.Core.Tests.Storage;

public sealed class MediaBlobKeyTests
{
    public static TheoryData<string> ValidKeys =>
    [
        "a",
        "original.jpg",
        "2026/05/0190f6c2a1b27c3d8e9f001122334455/original-v1.jpg",
        "tenant_1/thumb-300.webp",
        "a/b/c/d/e/f/g/h",
        "a..b",
        "x.",
        new string('k', MediaBlobKey.MaxLength),
        string.Join('/', Enumerable.Repeat(new string('s', 63), 8)),
    ];

    public static TheoryData<string, string> InvalidKeys => new()
    {
        { "../x", "parent segment" },
        { "a/../x", "parent segment inside" },
        { "..", "parent only" },
        { "/abs", "absolute" },
        { "a/", "trailing slash" },
        { "a//b", "empty segment" },
        { "Upper", "upper case" },
        { "a/Photo.jpg", "upper case in a later segment" },
        { ".hidden", "leading dot" },
        { "a/.hidden", "leading dot in a later segment" },
        { "a/./b", "current directory segment" },
        { "a\\b", "backslash" },
        { "a b", "space" },
        { " a", "leading space" },
        { "a/b c/d", "space inside a segment" },
        { "a\tb", "tab" },
        { "a%2Fb", "percent encoding" },
        { "caf\u00E9", "non-ASCII letter" },
        { "a:b", "colon" },
        { "a\0b", "NUL" },
        { "a/b/c/d/e/f/g/h/i", "9 segments" },
        { new string('k', MediaBlobKey.MaxLength + 1), "513 characters" },
        { "", "empty" },
    };

    [Theory]
    [MemberData(nameof(ValidKeys))]
    public void IsValid_accepts_keys_that_follow_the_rules(string key)
    {
        Assert.True(MediaBlobKey.IsValid(key));
        MediaBlobKey.EnsureValid(key);
    }

    [Theory]
    [MemberData(nameof(InvalidKeys))]
    public void IsValid_refuses_keys_that_break_the_rules(string key, string why)
    {
        Assert.False(MediaBlobKey.IsValid(key), why);
        var exception = Assert.Throws<ArgumentException>(() => MediaBlobKey.EnsureValid(key));
        Assert.Equal("key", exception.ParamName);
    }

    [Fact]
    public void IsValid_refuses_null()
        => Assert.False(MediaBlobKey.IsValid(null));

    [Fact]
    public void EnsureValid_explains_the_rules_in_its_message()
    {
        var exception = Assert.Throws<ArgumentException>(() => MediaBlobKey.EnsureValid("../etc/passwd"));

        Assert.Contains("../etc/passwd", exception.Message, StringComparison.Ordinal);
        Assert.Contains("lowercase", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_keys_MediaKit_generates_are_valid_for_every_known_content_type()
    {
        var createdAt = new DateTimeOffset(2026, 1, 31, 23, 59, 59, TimeSpan.FromHours(-5));
        var id = Guid.CreateVersion7(createdAt);
        string[] types = [MediaContentTypes.Jpeg, MediaContentTypes.Svg, MediaContentTypes.Docx, MediaContentTypes.OctetStream, "application/x-unknown"];

        foreach (var type in types)
        {
            var original = StorageKeys.Original(id, createdAt, version: 3, type);
            var variant = StorageKeys.Variant(id, createdAt, "thumb-300", type);

            Assert.True(MediaBlobKey.IsValid(original), original);
            Assert.True(MediaBlobKey.IsValid(variant), variant);
            Assert.StartsWith(StorageKeys.AssetPrefix(id, createdAt), original, StringComparison.Ordinal);
            Assert.StartsWith("2026/02/", original, StringComparison.Ordinal); // the UTC month, not the local one
        }
    }
}
