using System.Text;
using MediaKit.EndToEndTests.Infrastructure;

namespace MediaKit.EndToEndTests;

/// <summary>The CSV export, downloaded by a signed-in browser as a file.</summary>
[RequiresChromium]
[Collection(SampleAppCollection.Name)]
public sealed class CsvExportTests(SampleAppFixture app)
{
    [Fact]
    public async Task The_export_downloads_as_an_RFC_4180_CSV_with_the_chosen_files()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        using var admin = app.Api("acme-admin");
        var uploaded = await admin.UploadAsync("products",
        [
            ($"plain-{tag}.png", PngImages.Create(6001)),
            ($"price list, spring {tag}.png", PngImages.Create(6002)),
            ($"left out {tag}.png", PngImages.Create(6003)),
        ]);
        var chosen = uploaded.Take(2).ToList();

        await using var session = await app.NewSessionAsync("acme-admin");
        var page = session.Page;
        var url = $"/api/media/export.csv?ids={string.Join(',', chosen.Select(a => a.Id))}";

        // A link click, as a page would offer it: the answer is an attachment, so the browser downloads it.
        var download = await page.RunAndWaitForDownloadAsync(() => page.EvaluateAsync(
            "url => { const a = document.createElement('a'); a.href = url; document.body.appendChild(a); a.click(); }", url));
        Assert.Equal("media-export.csv", download.SuggestedFilename);
        var path = await download.PathAsync();
        var text = await File.ReadAllTextAsync(path, Encoding.UTF8);

        var rows = ParseCsv(text);
        Assert.Equal(["id", "file_name", "url", "size", "width", "height", "created_at"], rows[0]);
        Assert.Equal(chosen.Count + 1, rows.Count);
        Assert.All(rows, r => Assert.Equal(7, r.Count));
        foreach (var asset in chosen)
        {
            var row = Assert.Single(rows, r => r[0] == asset.Id.ToString());
            Assert.Equal(asset.FileName, row[1]);
            Assert.Equal(asset.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), row[3]);
            Assert.StartsWith(app.BaseAddress.ToString().TrimEnd('/'), row[2], StringComparison.Ordinal);
        }

        // The name with a comma is quoted, lines end with CRLF, and the file left out is not in it.
        Assert.Contains($"\"{chosen[1].FileName}\"", text, StringComparison.Ordinal);
        Assert.Contains(",", chosen[1].FileName, StringComparison.Ordinal);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", text.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain(uploaded[2].FileName, text, StringComparison.Ordinal);
    }

    /// <summary>An RFC 4180 reader: fields separated by commas, records by CRLF, quoted fields with doubled quotes.</summary>
    private static List<List<string>> ParseCsv(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
                i++;
            }
            else if (c is '"' or '\r' or '\n')
            {
                Assert.Fail($"Character {i} ('{c}') breaks RFC 4180 (a bare quote or line break outside quotes).");
            }
            else
            {
                field.Append(c);
            }
        }

        Assert.True(field.Length == 0 && record.Count == 0, "The last record does not end with CRLF.");
        return records;
    }
}
