using System.Text;
using System.Xml;

namespace MediaKit.Internal;

/// <summary>
/// The sanitized form of an SVG upload, produced as it is read: each read advances the sanitizer by as many XML nodes
/// as it takes to fill the caller's buffer. Memory holds one node and the output not yet read, never the file.
/// </summary>
internal sealed class SvgSanitizingStream : ReadOnlyStream
{
    private readonly XmlReader _reader;
    private readonly XmlWriter _writer;
    private readonly MemoryStream _output = new();
    private readonly SvgSanitizer.Pass _pass;
    private int _outputPosition;
    private bool _done;

    public SvgSanitizingStream(Stream source)
    {
        _reader = XmlReader.Create(source, SvgSanitizer.ReaderSettings(async: true));
        _writer = XmlWriter.Create(_output, new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            OmitXmlDeclaration = true,
            CloseOutput = false,
        });
        _pass = new SvgSanitizer.Pass(_reader, _writer);
    }

    public override int Read(Span<byte> buffer) => ReadThroughAsync(buffer);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        if (_outputPosition > 0)
        {
            // Keep only what the caller has not read yet, so the buffer stays near one read's size.
            var pending = (int)_output.Length - _outputPosition;
            Buffer.BlockCopy(_output.GetBuffer(), _outputPosition, _output.GetBuffer(), 0, pending);
            _output.SetLength(pending);
            _outputPosition = 0;
        }

        while (_output.Length - _outputPosition < buffer.Length && !_done)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!await _pass.StepAsync())
            {
                _done = true;
            }

            _writer.Flush();
        }

        var available = (int)Math.Min(buffer.Length, _output.Length - _outputPosition);
        _output.GetBuffer().AsMemory(_outputPosition, available).CopyTo(buffer);
        _outputPosition += available;
        return available;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _reader.Dispose();
            _output.Dispose();
        }

        base.Dispose(disposing);
    }
}
