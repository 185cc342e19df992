using System.Diagnostics;
using System.Text;
using System.Xml;
using MediaKit.Internal;

namespace MediaKit.Core.Tests.Internal;

/// <summary>
/// Hostile SVGs through the sanitizer: each output is parsed again, strictly and independently of the sanitizer, and
/// checked for anything that could run, navigate or load (<see cref="AssertInert"/>).
/// </summary>
public sealed class SvgSanitizerTests
{
    private const string Open = "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"10\" height=\"10\">";
    private const string Close = "<rect id=\"kept\" width=\"10\" height=\"10\" fill=\"red\"/></svg>";

    public static TheoryData<string, string> Hostile => new()
    {
        { "script element", Open + "<script>alert(document.domain)</script>" + Close },
        { "script in CDATA", Open + "<script><![CDATA[alert(1)]]></script>" + Close },
        { "script of another namespace", Open + "<html:script xmlns:html=\"http://www.w3.org/1999/xhtml\">alert(1)</html:script>" + Close },
        { "onload on the root", "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><rect id=\"kept\"/></svg>" },
        { "event handlers in any case", Open + "<g ONCLICK=\"alert(1)\" onMouseOver=\"alert(2)\"><circle r=\"1\" onfocusin=\"alert(3)\"/></g>" + Close },
        { "foreignObject with HTML", Open + "<foreignObject width=\"10\" height=\"10\"><body xmlns=\"http://www.w3.org/1999/xhtml\"><iframe src=\"javascript:alert(1)\"></iframe><script>alert(1)</script><img src=\"x\" onerror=\"alert(1)\"/></body></foreignObject>" + Close },
        { "xlink:href javascript", Open + "<a xlink:href=\"javascript:alert(1)\"><text>click</text></a>" + Close },
        { "href javascript with a tab and entities", Open + "<a href=\"java&#9;script&#58;alert(1)\"><text>click</text></a>" + Close },
        { "href data:text/html", Open + "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\"><text>x</text></a>" + Close },
        { "external image", Open + "<image href=\"http://evil.example/track.png\" width=\"1\" height=\"1\"/><image xlink:href=\"//evil.example/t.png\"/>" + Close },
        { "external use", Open + "<use href=\"http://evil.example/sprite.svg#icon\"/><use xlink:href=\"https://evil.example/s.svg#x\"/>" + Close },
        { "external feImage", Open + "<filter id=\"f\"><feImage href=\"http://evil.example/x.png\"/></filter>" + Close },
        { "animation setting href to javascript", Open + "<a><set attributeName=\"href\" to=\"javascript:alert(1)\"/><text>x</text></a>" + Close },
        { "animation setting an event handler", Open + "<rect><animate attributeName=\"onclick\" values=\"alert(1)\"/></rect>" + Close },
        { "CSS import and external url", Open + "<style>@import url(http://evil.example/x.css); rect { fill: url(http://evil.example/p.svg#g) }</style>" + Close },
        { "CSS import split across text and CDATA", Open + "<style>@im<![CDATA[port 'http://evil.example/x.css';]]></style>" + Close },
        { "CSS escapes", Open + "<style>@\\69mport 'http://evil.example/x.css'; rect { background: u\\72l(http://evil.example/x) }</style>" + Close },
        { "CSS image-set with a bare string", Open + "<style>rect { background-image: image-set(\"http://evil.example/x.png\" 1x) }</style>" + Close },
        { "CSS font-face", Open + "<style>@font-face { font-family: x; src: url(http://evil.example/f.woff) }</style>" + Close },
        { "style attribute with external url", Open + "<rect style=\"fill: red; background: url('https://evil.example/x')\"/>" + Close },
        { "presentation attribute with external url", Open + "<rect fill=\"url(http://evil.example/p.svg#g)\" filter=\"url( 'https://evil.example/f.svg#f' )\"/>" + Close },
        { "xml-stylesheet processing instruction", "<?xml-stylesheet type=\"text/css\" href=\"http://evil.example/x.css\"?>" + Open + Close },
        { "iframe, embed and object", Open + "<iframe src=\"http://evil.example\"/><embed src=\"x.swf\"/><object data=\"http://evil.example\"/>" + Close },
        { "handler element", Open + "<handler xmlns:ev=\"http://www.w3.org/2001/xml-events\" ev:event=\"load\">alert(1)</handler>" + Close },
        { "entity declaration in an internal subset", "<!DOCTYPE svg [<!ENTITY x \"<script>alert(1)</script>\">]>" + Open + Close },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Hostile_SVG_comes_out_inert_and_well_formed(string attack, string svg)
    {
        var output = await SanitizeAsync(svg);

        AssertInert(output, attack);
        Assert.Contains("id=\"kept\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_external_entity_is_refused_and_its_target_never_read()
    {
        var secret = Path.GetTempFileName();
        await File.WriteAllTextAsync(secret, "TOP-SECRET-CONTENT");
        try
        {
            var svg = $"<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY xxe SYSTEM \"file://{secret}\">]>{Open}<text>&xxe;</text>{Close}";

            var error = await Assert.ThrowsAsync<MediaException>(() => SanitizeAsync(svg));

            Assert.Equal(MediaErrorCodes.SvgInvalid, error.Code);
            Assert.DoesNotContain("TOP-SECRET", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public async Task A_billion_laughs_is_refused_at_once()
    {
        var svg = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY lol \"lol\">");
        for (var i = 1; i < 10; i++)
        {
            svg.Append(System.Globalization.CultureInfo.InvariantCulture, $"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10)).Replace("&lol0;", "&lol;", StringComparison.Ordinal)}\">");
        }

        svg.Append("]>").Append(Open).Append("<text>&lol9;</text>").Append(Close);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<MediaException>(() => SanitizeAsync(svg.ToString()));

        Assert.Equal(MediaErrorCodes.SvgInvalid, error.Code);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Theory]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect></svg>")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect/>")]
    [InlineData("<html><body><script>alert(1)</script></body></html>")]
    [InlineData("<svg:svg xmlns:svg=\"http://example.com/not-svg\"/>")]
    [InlineData("not xml at all")]
    public async Task A_file_that_is_not_a_well_formed_SVG_is_refused(string svg)
    {
        var error = await Assert.ThrowsAsync<MediaException>(() => SanitizeAsync(svg));

        Assert.Equal(MediaErrorCodes.SvgInvalid, error.Code);
    }

    [Fact]
    public async Task A_plain_logo_keeps_its_shapes_gradients_local_references_and_text()
    {
        const string logo = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
            <!-- Exported by an editor -->
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 100 100" xml:space="preserve">
              <title>Acme &amp; Co</title>
              <defs>
                <linearGradient id="g"><stop offset="0" stop-color="#f00"/><stop offset="1" stop-color="#00f"/></linearGradient>
                <symbol id="dot"><circle cx="5" cy="5" r="5"/></symbol>
              </defs>
              <style>.brand { fill: url(#g); font-family: sans-serif }</style>
              <rect class="brand" width="100" height="50" fill="url(#g)" style="stroke: url('#g'); stroke-width: 2"/>
              <use href="#dot" x="10"/><use xlink:href="#dot" x="20"/>
              <image width="1" height="1" href="data:image/png;base64,iVBORw0KGgo="/>
              <a href="#top"><text x="10" y="80">Acme &lt;3</text></a>
            </svg>
            """;

        var output = await SanitizeAsync(logo);

        AssertInert(output, "logo");
        var document = Parse(output);
        var names = document.SelectNodes("//*")!.Cast<XmlElement>().Select(e => e.LocalName).ToList();
        Assert.Equal(["svg", "title", "defs", "linearGradient", "stop", "stop", "symbol", "circle", "style", "rect", "use", "use", "image", "a", "text"], names);
        Assert.Contains("fill: url(#g)", output, StringComparison.Ordinal);
        Assert.Contains("fill=\"url(#g)\"", output, StringComparison.Ordinal);
        Assert.Contains("href=\"#dot\"", output, StringComparison.Ordinal);
        Assert.Contains("xlink:href=\"#dot\"", output, StringComparison.Ordinal);
        Assert.Contains("data:image/png;base64", output, StringComparison.Ordinal);
        Assert.Equal("Acme & Co", document.DocumentElement!["title"]!.InnerText);
        Assert.Contains("Acme <3", document.DocumentElement.InnerText, StringComparison.Ordinal);
        Assert.Equal("0 0 100 100", document.DocumentElement.GetAttribute("viewBox"));
    }

    [Fact]
    public async Task A_large_SVG_is_sanitized_in_small_reads()
    {
        var svg = new StringBuilder(Open);
        for (var i = 0; i < 50_000; i++)
        {
            svg.Append(System.Globalization.CultureInfo.InvariantCulture, $"<path d=\"M{i} 0 L{i} 10\" onclick=\"alert({i})\"/>");
        }

        svg.Append(Close);

        var output = await SanitizeAsync(svg.ToString(), readSize: 7);

        AssertInert(output, "large");
        Assert.Equal(50_001, Parse(output).SelectNodes("//*[local-name()='path' or local-name()='rect']")!.Count);
    }

    internal static async Task<string> SanitizeAsync(string svg, int readSize = 4096)
    {
        using var sanitized = new SvgSanitizingStream(new MemoryStream(Encoding.UTF8.GetBytes(svg)));
        var output = new MemoryStream();
        var buffer = new byte[readSize];
        int read;
        while ((read = await sanitized.ReadAsync(buffer)) > 0)
        {
            output.Write(buffer, 0, read);
        }

        return Encoding.UTF8.GetString(output.ToArray());
    }

    private static XmlDocument Parse(string xml)
    {
        var document = new XmlDocument { XmlResolver = null };
        using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        document.Load(reader);
        return document;
    }

    /// <summary>
    /// An independent check of the output: parsed strictly (a DTD would throw), every element is SVG, nothing is a script
    /// or foreign content, no attribute is an event handler, every reference is local or a raster data URL, and no text,
    /// attribute or style mentions a script URL, an import or a network location.
    /// </summary>
    internal static void AssertInert(string output, string because)
    {
        var document = Parse(output);
        Assert.Equal("svg", document.DocumentElement?.LocalName);
        foreach (XmlNode node in document.SelectNodes("//node()")!)
        {
            Assert.False(node.NodeType is XmlNodeType.ProcessingInstruction or XmlNodeType.DocumentType or XmlNodeType.EntityReference or XmlNodeType.Comment, $"{because}: {node.NodeType} left");
            if (node is XmlElement element)
            {
                Assert.True(element.NamespaceURI is "http://www.w3.org/2000/svg" or "", $"{because}: element {element.Name} of {element.NamespaceURI}");
                Assert.DoesNotContain(element.LocalName.ToLowerInvariant(), new[] { "script", "foreignobject", "iframe", "embed", "object", "handler", "listener" });
                foreach (XmlAttribute attribute in element.Attributes)
                {
                    if (attribute.Prefix == "xmlns" || attribute.Name == "xmlns")
                    {
                        continue;
                    }

                    Assert.False(attribute.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{because}: {attribute.Name} left on {element.Name}");
                    if (attribute.LocalName is "href" or "src")
                    {
                        Assert.True(attribute.Value.StartsWith('#') || attribute.Value.StartsWith("data:image/png", StringComparison.Ordinal), $"{because}: {attribute.Name}={attribute.Value}");
                    }

                    if (element.LocalName is "set" or "animate" && attribute.LocalName == "attributeName")
                    {
                        Assert.False(attribute.Value.Contains("href", StringComparison.OrdinalIgnoreCase) || attribute.Value.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{because}: animates {attribute.Value}");
                    }

                    AssertNoActiveText(attribute.Value, because);
                }
            }
            else if (node.NodeType is XmlNodeType.Text or XmlNodeType.CDATA)
            {
                AssertNoActiveText(node.Value!, because);
            }
        }
    }

    private static void AssertNoActiveText(string value, string because)
    {
        var squeezed = new string(value.Where(c => c > ' ').ToArray()).ToLowerInvariant();
        foreach (var token in new[] { "javascript:", "data:text/html", "@import", "http:", "https:", "//evil", "evil.example", "alert(" })
        {
            Assert.False(squeezed.Contains(token, StringComparison.Ordinal), $"{because}: '{token}' left in '{value}'");
        }
    }
}
