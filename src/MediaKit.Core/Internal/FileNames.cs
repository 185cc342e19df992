using System.Globalization;
using System.Text;

namespace MediaKit.Internal;

/// <summary>Normalizes a client's file name for display: it never becomes a storage path.</summary>
internal static class FileNames
{
    private const string Fallback = "file";

    public static string Normalize(string? fileName, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            return Fallback;
        }

        // Browsers on Windows may send a full path; keep the last segment only.
        var name = fileName.Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        // Lone surrogates would make string.Normalize throw; EnumerateRunes turns them into U+FFFD first.
        name = string.Concat(name.EnumerateRunes().Select(r => r.ToString())).Normalize(NormalizationForm.FormC);

        var builder = new StringBuilder(name.Length);
        var lastWasSpace = false;
        foreach (var rune in name.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if ((category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator) && !IsJoiner(rune))
            {
                // Control and bidirectional-override characters can disguise an extension ("gpj.exe").
                continue;
            }

            if (Rune.IsWhiteSpace(rune))
            {
                if (!lastWasSpace)
                {
                    builder.Append(' ');
                }

                lastWasSpace = true;
                continue;
            }

            lastWasSpace = false;
            builder.Append(rune.Value is '<' or '>' or ':' or '"' or '|' or '?' or '*' ? "_" : rune.ToString());
        }

        var normalized = builder.ToString().Trim(' ', '.');
        if (normalized.Length == 0)
        {
            return Fallback;
        }

        return Shorten(normalized, Math.Max(maxLength, 16));
    }

    // Zero-width (non-)joiners are format characters that emoji sequences and Persian or Indic names need.
    private static bool IsJoiner(Rune rune) => rune.Value is 0x200C or 0x200D;

    private static string Shorten(string name, int maxLength)
    {
        if (name.Length <= maxLength)
        {
            return name;
        }

        var extension = Path.GetExtension(name);
        if (extension.Length > 16 || extension.Length > maxLength / 2)
        {
            extension = "";
        }

        var stemLength = maxLength - extension.Length;
        var stem = name[..stemLength];
        if (char.IsHighSurrogate(stem[^1]))
        {
            stem = stem[..^1];
        }

        return stem.TrimEnd() + extension;
    }
}
