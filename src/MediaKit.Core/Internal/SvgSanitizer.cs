using System.Text;
using System.Text.RegularExpressions;
using System.Xml;

namespace MediaKit.Internal;

/// <summary>
/// Rewrites an SVG so that no browser can run anything in it or make it load anything: an allowlist of SVG elements and
/// attributes, streamed node by node from an <see cref="XmlReader"/> to an <see cref="XmlWriter"/> (never a DOM, so memory
/// does not grow with the file). DTDs are never processed and nothing is resolved: a DOCTYPE is dropped, and a
/// reference to any entity but XML's five predefined ones makes the file invalid.
/// </summary>
/// <remarks>
/// Removed: every element outside the allowlist with all it contains (<c>script</c>, <c>foreignObject</c> and its
/// HTML, <c>iframe</c>, elements of other namespaces), event-handler attributes (<c>on*</c>), attributes of other
/// namespaces, <c>href</c>/<c>xlink:href</c> that are not a local <c>#fragment</c> or a raster
/// <c>data:image/(png|jpeg|gif|webp)</c>, any attribute mentioning <c>javascript:</c>, <c>url(...)</c> pointing
/// anywhere but <c>#fragment</c>, CSS <c>@import</c>, animations that target <c>href</c> or an event attribute,
/// comments, processing instructions (<c>xml-stylesheet</c>) and the DOCTYPE.
/// </remarks>
internal static partial class SvgSanitizer
{
    public const string SvgNamespace = "http://www.w3.org/2000/svg";
    public const string XLinkNamespace = "http://www.w3.org/1999/xlink";
    private const string XmlNamespace = "http://www.w3.org/XML/1998/namespace";

    /// <summary>The most characters one <c>style</c> element may hold; its text is checked as a whole.</summary>
    private const int MaxStyleLength = 1 << 20;

    private static readonly HashSet<string> s_elements = new(StringComparer.Ordinal)
    {
        "svg", "g", "defs", "symbol", "use", "switch", "a", "title", "desc", "metadata", "view", "style",
        "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "textPath", "image", "marker",
        "linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask", "filter",
        "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feConvolveMatrix", "feDiffuseLighting",
        "feDisplacementMap", "feDistantLight", "feDropShadow", "feFlood", "feFuncA", "feFuncB", "feFuncG", "feFuncR",
        "feGaussianBlur", "feImage", "feMerge", "feMergeNode", "feMorphology", "feOffset", "fePointLight",
        "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence",
        "animate", "animateMotion", "animateTransform", "set", "mpath",
    };

    private static readonly HashSet<string> s_animations = new(StringComparer.Ordinal) { "animate", "animateMotion", "animateTransform", "set" };

    /// <summary>Settings for reading untrusted SVG: no DTD processing, no resolver, no entity expansion.</summary>
    public static XmlReaderSettings ReaderSettings(bool async) => new()
    {
        Async = async,
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
    };

    /// <summary>Whether <paramref name="value"/> (an <c>href</c>) stays inside the document or is an inert raster image.</summary>
    public static bool IsSafeReference(string value)
    {
        var url = StripInvisible(value);
        return url.StartsWith('#') || SafeDataImage().IsMatch(url);
    }

    /// <summary>
    /// Makes CSS safe: <see langword="null"/> when it cannot be made safe (escapes, <c>expression()</c>, <c>javascript:</c>,
    /// bindings); otherwise the CSS without comments and <c>@import</c>, with every non-local <c>url()</c> replaced by <c>none</c>.
    /// </summary>
    public static string? SanitizeCss(string css)
    {
        var text = CssComment().Replace(css, " ");
        if (text.Contains('\\', StringComparison.Ordinal) || text.Contains('\0', StringComparison.Ordinal))
        {
            // CSS escapes can spell anything (\40 import, u\72l(...)); an escaped style is not worth the risk.
            return null;
        }

        text = CssImport().Replace(text, "");
        if (text.Contains("@import", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        text = CssUrl().Replace(text, m => IsLocalFragment(m.Groups["target"].Value) ? m.Value : "none");

        // What is left once the (now local) url()s are gone must not load or run anything: an unterminated url(,
        // image-set("http://...") with a bare string, a script URL, old IE and Firefox bindings.
        var rest = StripInvisible(CssUrl().Replace(text, ""));
        return s_cssForbidden.Any(token => rest.Contains(token, StringComparison.OrdinalIgnoreCase)) ? null : text;
    }

    private static readonly string[] s_cssForbidden =
        ["url(", "image-set(", "image(", "src(", "expression(", "javascript:", "-moz-binding", "behavior:", "@import", "@font-face"];

    /// <summary>Copies the SVG in <paramref name="reader"/> to <paramref name="writer"/> one node per call, sanitized.</summary>
    /// <remarks>The state of one pass; <see cref="StepAsync"/> returns <see langword="false"/> at the end of the document.</remarks>
    public sealed class Pass(XmlReader reader, XmlWriter writer)
    {
        private bool _positioned;
        private bool _sawRoot;
        private StringBuilder? _style;

        /// <summary>Reads and writes the next node; <see langword="false"/> once the document is complete.</summary>
        /// <exception cref="MediaException"><see cref="MediaErrorCodes.SvgInvalid"/>: not well-formed, entities, not an SVG.</exception>
        public async Task<bool> StepAsync()
        {
            try
            {
                if (!_positioned && !await reader.ReadAsync())
                {
                    if (!_sawRoot)
                    {
                        throw Invalid("The file has no root element.");
                    }

                    writer.Flush();
                    return false;
                }

                _positioned = false;
                await WriteNodeAsync();
                return true;
            }
            catch (Exception ex) when (ex is XmlException or ArgumentException or InvalidOperationException)
            {
                // XmlException: not well-formed or an entity; the others: the writer refused what the reader allowed.
                throw Invalid(ex.Message, ex);
            }
        }

        private async Task WriteNodeAsync()
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    await WriteElementAsync();
                    break;
                case XmlNodeType.EndElement:
                    if (_style is not null)
                    {
                        writer.WriteString(SanitizeCss(_style.ToString()) ?? "");
                        _style = null;
                    }

                    writer.WriteFullEndElement();
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    if (_style is not null)
                    {
                        if (_style.Length + reader.Value.Length > MaxStyleLength)
                        {
                            throw Invalid($"A style element is longer than {MaxStyleLength} characters.");
                        }

                        _style.Append(reader.Value);
                    }
                    else if (reader.Depth > 0)
                    {
                        writer.WriteString(reader.Value);
                    }

                    break;
                case XmlNodeType.EntityReference:
                    throw Invalid("The file references an entity.");
                case XmlNodeType.DocumentType:
                    // Dropped, never processed (DtdProcessing.Ignore): what it declares cannot be referenced.
                    break;
                default:
                    // XML declaration, comments, processing instructions: nothing a renderer needs.
                    break;
            }
        }

        private async Task WriteElementAsync()
        {
            var isSvg = reader.NamespaceURI is SvgNamespace or "";
            if (reader.Depth == 0)
            {
                if (_sawRoot || !isSvg || reader.LocalName != "svg")
                {
                    throw Invalid($"The root element is <{reader.Name}>, not <svg>.");
                }

                _sawRoot = true;
            }

            if (!isSvg || !s_elements.Contains(reader.LocalName) || _style is not null || IsDangerousAnimation())
            {
                // Skip the element and everything in it; the reader then stands on the next node already.
                await reader.SkipAsync();
                _positioned = !reader.EOF;
                return;
            }

            writer.WriteStartElement(reader.Prefix, reader.LocalName, reader.NamespaceURI);
            WriteAttributes();
            reader.MoveToElement();
            if (reader.IsEmptyElement)
            {
                writer.WriteEndElement();
            }
            else if (reader.LocalName == "style")
            {
                _style = new StringBuilder();
            }
        }

        private bool IsDangerousAnimation()
        {
            if (!s_animations.Contains(reader.LocalName))
            {
                return false;
            }

            var target = StripInvisible(reader.GetAttribute("attributeName") ?? "");
            var local = target[(target.IndexOf(':', StringComparison.Ordinal) + 1)..];
            return local.Equals("href", StringComparison.OrdinalIgnoreCase) || local.StartsWith("on", StringComparison.OrdinalIgnoreCase);
        }

        private void WriteAttributes()
        {
            if (!reader.MoveToFirstAttribute())
            {
                return;
            }

            do
            {
                var ns = reader.NamespaceURI;
                var name = reader.LocalName;
                var value = reader.Value;
                string? safe = ns switch
                {
                    "http://www.w3.org/2000/xmlns/" => null, // the writer declares what it writes
                    XmlNamespace when name is "space" or "lang" => value,
                    XLinkNamespace when name == "href" => IsSafeReference(value) ? value : null,
                    XLinkNamespace when name == "title" => value,
                    "" => SafeAttributeValue(name, value),
                    _ => null,
                };
                if (safe is not null)
                {
                    writer.WriteAttributeString(reader.Prefix, name, ns, safe);
                }
            }
            while (reader.MoveToNextAttribute());
        }

        private static string? SafeAttributeValue(string name, string value)
        {
            if (name.StartsWith("on", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            if (name is "href" or "src")
            {
                return IsSafeReference(value) ? value : null;
            }

            var squeezed = StripInvisible(value);
            if (squeezed.Contains("javascript:", StringComparison.OrdinalIgnoreCase) || squeezed.Contains("data:text/html", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            if (name == "style" || squeezed.Contains("url(", StringComparison.OrdinalIgnoreCase) || squeezed.Contains("@import", StringComparison.OrdinalIgnoreCase))
            {
                return SanitizeCss(value);
            }

            return value;
        }

        private static MediaException Invalid(string reason, Exception? inner = null)
            => new(MediaErrorCodes.SvgInvalid, "The SVG file could not be sanitized: " + reason, inner);
    }

    private static bool IsLocalFragment(string target) => StripInvisible(target).Trim('\'', '"').StartsWith('#');

    /// <summary>Browsers drop ASCII whitespace and control characters inside URLs and scheme names (<c>java&#9;script:</c>).</summary>
    private static string StripInvisible(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c > ' ' && c != '\u007f')
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    [GeneratedRegex(@"^data:image/(png|jpeg|gif|webp)[;,]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SafeDataImage();

    [GeneratedRegex(@"/\*.*?(\*/|$)", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex CssComment();

    [GeneratedRegex(@"@import[^;]*(;|$)", RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex CssImport();

    [GeneratedRegex(@"url\(\s*(?<target>""[^""]*""|'[^']*'|[^)]*)\s*\)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CssUrl();
}
