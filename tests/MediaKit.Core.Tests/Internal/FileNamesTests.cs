using System.Text;
using MediaKit.Internal;

namespace MediaKit.Core.Tests.Internal;

public sealed class FileNamesTests
{
    private const int DefaultMax = 255;

    [Theory]
    [InlineData("photo.jpg", "photo.jpg")]
    [InlineData("a\u0000b\u0007c\u001F\u007F.png", "abc.png")]
    [InlineData("line\r\nbreak.txt", "linebreak.txt")]
    [InlineData("photo\u202Egpj.exe", "photogpj.exe")]
    [InlineData("\u202Dphoto\u200B\u2066.png\u2069", "photo.png")]
    [InlineData("\uFEFFbom.txt", "bom.txt")]
    [InlineData("private\uE000use.png", "privateuse.png")]
    [InlineData("para\u2029graph\u2028.txt", "paragraph.txt")]
    public void Normalize_removes_control_format_and_bidirectional_override_characters(string input, string expected)
        => Assert.Equal(expected, FileNames.Normalize(input, DefaultMax));

    [Theory]
    [InlineData("C:\\fakepath\\a.png", "a.png")]
    [InlineData("C:\\Users\\ann\\Pictures\\holiday 2024.jpg", "holiday 2024.jpg")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("..\\..\\windows\\win.ini", "win.ini")]
    [InlineData("/var/www/html/shell.php", "shell.php")]
    [InlineData("uploads/", "file")]
    public void Normalize_keeps_only_the_last_path_segment(string input, string expected)
        => Assert.Equal(expected, FileNames.Normalize(input, DefaultMax));

    [Fact]
    public void Normalize_composes_NFD_input_into_NFC()
    {
        var decomposed = "Cafe\u0301 Zu\u0308rich.png";

        var normalized = FileNames.Normalize(decomposed, DefaultMax);

        Assert.Equal("Caf\u00E9 Z\u00FCrich.png", normalized);
        Assert.True(normalized.IsNormalized(NormalizationForm.FormC));
    }

    [Theory]
    [InlineData("a<b>c:d\"e|f?g*h.png", "a_b_c_d_e_f_g_h.png")]
    [InlineData("what?.txt", "what_.txt")]
    [InlineData("<script>.html", "_script_.html")]
    public void Normalize_replaces_reserved_characters_with_underscores(string input, string expected)
        => Assert.Equal(expected, FileNames.Normalize(input, DefaultMax));

    [Theory]
    [InlineData("a   b.png", "a b.png")]
    [InlineData("a \u00A0\u2003 b.png", "a b.png")]
    [InlineData("  spaced   out   name  .png", "spaced out name .png")]
    public void Normalize_collapses_whitespace_runs_into_one_space(string input, string expected)
        => Assert.Equal(expected, FileNames.Normalize(input, DefaultMax));

    [Theory]
    [InlineData("  photo.png  ", "photo.png")]
    [InlineData("..photo.png..", "photo.png")]
    [InlineData(" ..photo.png.. ", "photo.png")]
    [InlineData(".htaccess", "htaccess")]
    public void Normalize_trims_leading_and_trailing_dots_and_spaces(string input, string expected)
        => Assert.Equal(expected, FileNames.Normalize(input, DefaultMax));

    [Theory]
    [InlineData(". .hidden.png", "hidden.png")]
    [InlineData("photo.png. .", "photo.png")]
    public void Normalize_trims_mixed_runs_of_dots_and_spaces_at_the_ends(string input, string expected)
        => Assert.Equal(expected, FileNames.Normalize(input, DefaultMax));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    [InlineData(".")]
    [InlineData("...")]
    [InlineData(" . . ")]
    [InlineData("\u202E\u200B")]
    [InlineData("C:\\fakepath\\")]
    public void Normalize_falls_back_to_file_when_nothing_is_left(string? input)
        => Assert.Equal("file", FileNames.Normalize(input, DefaultMax));

    [Fact]
    public void Normalize_shortens_an_overlong_name_to_the_maximum_and_keeps_its_extension()
    {
        var name = new string('a', 300) + ".jpeg";

        var normalized = FileNames.Normalize(name, DefaultMax);

        Assert.Equal(DefaultMax, normalized.Length);
        Assert.EndsWith(".jpeg", normalized, StringComparison.Ordinal);
        Assert.Equal(new string('a', DefaultMax - 5) + ".jpeg", normalized);
    }

    [Fact]
    public void Normalize_leaves_a_name_of_exactly_the_maximum_length_alone()
    {
        var name = new string('b', 96) + ".png";

        Assert.Equal(name, FileNames.Normalize(name, 100));
    }

    [Fact]
    public void Normalize_drops_an_extension_too_long_to_be_one_when_shortening()
    {
        var name = "archive." + new string('x', 40);

        var normalized = FileNames.Normalize(name, 20);

        Assert.Equal("archive." + new string('x', 12), normalized);
    }

    [Fact]
    public void Normalize_never_shortens_below_sixteen_characters()
    {
        var name = new string('c', 40) + ".png";

        var normalized = FileNames.Normalize(name, 3);

        Assert.Equal(new string('c', 12) + ".png", normalized);
    }

    [Fact]
    public void Normalize_never_splits_a_surrogate_pair_when_shortening()
    {
        // 15 letters then an emoji whose high surrogate is the 16th char: the cut for "...png" in 20 falls inside the pair.
        var name = new string('a', 15) + "\U0001F600" + "bbbbbb.png";

        var normalized = FileNames.Normalize(name, 20);

        Assert.True(normalized.Length <= 20);
        Assert.EndsWith(".png", normalized, StringComparison.Ordinal);
        Assert.Equal(new string('a', 15) + ".png", normalized);
        Assert.True(IsWellFormedUtf16(normalized));
    }

    [Theory]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(18)]
    [InlineData(19)]
    [InlineData(20)]
    public void Normalize_keeps_every_emoji_whole_whatever_the_cut(int maxLength)
    {
        var name = string.Concat(Enumerable.Repeat("\U0001F600", 20)) + ".gif";

        var normalized = FileNames.Normalize(name, maxLength);

        Assert.True(normalized.Length <= maxLength);
        Assert.EndsWith(".gif", normalized, StringComparison.Ordinal);
        Assert.True(IsWellFormedUtf16(normalized));
    }

    [Fact]
    public void Normalize_does_not_throw_on_a_lone_surrogate()
    {
        var normalized = FileNames.Normalize("bad\uD800name.png", DefaultMax);

        Assert.True(IsWellFormedUtf16(normalized));
        Assert.EndsWith(".png", normalized, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalize_does_not_throw_when_the_extension_fills_the_whole_limit()
    {
        var name = new string('n', 30) + "." + new string('e', 15);

        var normalized = FileNames.Normalize(name, 16);

        Assert.True(normalized.Length <= 16);
    }

    private static bool IsWellFormedUtf16(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    [Fact]
    public void Normalize_keeps_zero_width_joiners_that_emoji_and_Persian_names_need()
    {
        const string family = "\U0001F468\u200D\U0001F469\u200D\U0001F467.png";
        const string persian = "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645.png";

        Assert.Equal(family, FileNames.Normalize(family, 255));
        Assert.Equal(persian, FileNames.Normalize(persian, 255));
    }
}
