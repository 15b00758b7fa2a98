namespace FitFolio.MailCatcher.Smtp;

/// <summary>Reads LF-terminated lines from a stream, never buffering more than the caller's limit per line.</summary>
internal sealed class SmtpLineReader(Stream stream)
{
    private readonly byte[] _buffer = new byte[8192];
    private int _start;
    private int _end;

    /// <summary>
    /// The next line, or null at end of stream. Content beyond <paramref name="maxContentLength"/> bytes is
    /// read and discarded (the line comes back with <see cref="SmtpLine.TooLong"/>), so a client that never
    /// sends a line break cannot make the server hold its input.
    /// </summary>
    public async ValueTask<SmtpLine?> ReadLineAsync(int maxContentLength, CancellationToken cancellationToken)
    {
        using var line = new MemoryStream();
        var tooLong = false;
        var lastByte = -1;
        while (true)
        {
            if (_start == _end)
            {
                _start = 0;
                _end = await stream.ReadAsync(_buffer, cancellationToken);
                if (_end == 0)
                {
                    return null;
                }
            }

            var available = _buffer.AsSpan(_start, _end - _start);
            var lineFeed = available.IndexOf((byte)'\n');
            var length = lineFeed < 0 ? available.Length : lineFeed;
            if (length > 0)
            {
                lastByte = available[length - 1];
            }

            if (!tooLong)
            {
                // One byte more than the content limit, for the CR of CRLF.
                var room = maxContentLength + 1 - (int)line.Length;
                if (length > room)
                {
                    tooLong = true;
                    line.SetLength(0);
                }
                else
                {
                    line.Write(available[..length]);
                }
            }

            _start += lineFeed < 0 ? length : length + 1;
            if (lineFeed >= 0)
            {
                // Tracked apart from the content, which a too-long line does not keep.
                var crLf = lastByte == '\r';
                var content = line.ToArray();
                return new SmtpLine(crLf && content.Length > 0 ? content[..^1] : content, crLf, tooLong);
            }
        }
    }
}
