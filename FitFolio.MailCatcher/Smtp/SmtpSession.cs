using System.Globalization;
using System.Text;

namespace FitFolio.MailCatcher.Smtp;

/// <summary>
/// One SMTP conversation: EHLO/HELO, MAIL FROM, RCPT TO, DATA, RSET, NOOP, VRFY, HELP and QUIT, with the
/// sequencing rules of RFC 5321 §4.1.4 and enhanced status codes (RFC 3463). Protocol errors get a reply,
/// never an exception; a client that keeps erring is disconnected.
/// </summary>
internal sealed class SmtpSession(Stream stream, SmtpSinkOptions options, Func<byte[], string, IReadOnlyList<string>, ReceivedMessage> store)
{
    // RFC 5321 §4.5.3.1.4: a command line is at most 512 octets including CRLF.
    private const int MaxCommandLength = 510;
    private const int MaxErrors = 10;
    private static readonly byte[] CrLf = "\r\n"u8.ToArray();

    private readonly SmtpLineReader _reader = new(stream);
    private readonly List<string> _recipients = [];
    private string? _client;
    private string? _reversePath;
    private int _errors;

    public async Task RunAsync(CancellationToken stopping)
    {
        await ReplyAsync($"220 {options.HostName} FitFolio MailCatcher ESMTP ready", stopping);
        while (await ReadAsync(MaxCommandLength, stopping) is { } line)
        {
            if (line.TooLong)
            {
                if (!await RefuseAsync("500 5.5.2 Line too long", stopping))
                {
                    return;
                }

                continue;
            }

            var command = Encoding.UTF8.GetString(line.Content);
            var space = command.IndexOf(' ', StringComparison.Ordinal);
            var verb = (space < 0 ? command : command[..space]).ToUpperInvariant();
            var argument = space < 0 ? "" : command[(space + 1)..].Trim();
            var keepGoing = verb switch
            {
                "EHLO" => await HelloAsync(argument, extended: true, stopping),
                "HELO" => await HelloAsync(argument, extended: false, stopping),
                "MAIL" => await MailAsync(argument, stopping),
                "RCPT" => await RecipientAsync(argument, stopping),
                "DATA" => await DataAsync(argument, stopping),
                "RSET" => await ResetAsync(stopping),
                "NOOP" => await ReplyAsync("250 2.0.0 OK", stopping),
                "VRFY" => await ReplyAsync("252 2.5.0 Cannot VRFY user, but will accept message for delivery", stopping),
                "HELP" => await ReplyAsync("214 2.0.0 Commands: EHLO HELO MAIL RCPT DATA RSET NOOP VRFY HELP QUIT", stopping),
                "QUIT" => !await ReplyAsync("221 2.0.0 Bye", stopping),
                "" => await RefuseAsync("500 5.5.2 Syntax error: empty command", stopping),
                "STARTTLS" or "AUTH" or "EXPN" or "BDAT" => await RefuseAsync("502 5.5.1 Command not implemented", stopping),
                _ => await RefuseAsync("500 5.5.1 Command unrecognized", stopping),
            };
            if (!keepGoing)
            {
                return;
            }
        }
    }

    private async Task<bool> HelloAsync(string domain, bool extended, CancellationToken stopping)
    {
        if (domain.Length == 0)
        {
            return await RefuseAsync("501 5.5.4 Syntax: " + (extended ? "EHLO" : "HELO") + " domain", stopping);
        }

        // A greeting starts over (RFC 5321 §4.1.4): any transaction in progress is abandoned.
        _client = domain;
        ResetTransaction();
        if (!extended)
        {
            return await ReplyAsync($"250 {options.HostName}", stopping);
        }

        return await ReplyAsync(
            $"250-{options.HostName} greets {domain}\r\n" +
            $"250-SIZE {options.MaxMessageSize.ToString(CultureInfo.InvariantCulture)}\r\n" +
            "250-8BITMIME\r\n" +
            "250-SMTPUTF8\r\n" +
            "250 ENHANCEDSTATUSCODES",
            stopping);
    }

    private async Task<bool> MailAsync(string argument, CancellationToken stopping)
    {
        if (_client is null)
        {
            return await RefuseAsync("503 5.5.1 Send EHLO or HELO first", stopping);
        }

        if (_reversePath is not null)
        {
            return await RefuseAsync("503 5.5.1 Nested MAIL command", stopping);
        }

        if (!SmtpPath.TryParse(argument, "FROM:", out var mailbox, out var parameters))
        {
            return await RefuseAsync("501 5.5.4 Syntax: MAIL FROM:<address>", stopping);
        }

        foreach (var (name, value) in parameters)
        {
            switch (name.ToUpperInvariant())
            {
                case "SIZE" when long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var size):
                    if (size > options.MaxMessageSize)
                    {
                        return await RefuseAsync("552 5.3.4 Message size exceeds fixed maximum message size", stopping);
                    }

                    break;
                case "BODY" when value is not null && (value.Equals("7BIT", StringComparison.OrdinalIgnoreCase) || value.Equals("8BITMIME", StringComparison.OrdinalIgnoreCase)):
                case "SMTPUTF8" when value is null:
                    break;
                default:
                    return await RefuseAsync("555 5.5.4 Parameter not recognized or not implemented: " + name, stopping);
            }
        }

        _reversePath = mailbox;
        return await ReplyAsync("250 2.1.0 Sender OK", stopping);
    }

    private async Task<bool> RecipientAsync(string argument, CancellationToken stopping)
    {
        if (_reversePath is null)
        {
            return await RefuseAsync("503 5.5.1 Need MAIL before RCPT", stopping);
        }

        if (!SmtpPath.TryParse(argument, "TO:", out var mailbox, out var parameters)
            || !(mailbox.Contains('@', StringComparison.Ordinal) || mailbox.Equals("postmaster", StringComparison.OrdinalIgnoreCase)))
        {
            return await RefuseAsync("501 5.5.4 Syntax: RCPT TO:<address>", stopping);
        }

        if (parameters.Count > 0)
        {
            return await RefuseAsync("555 5.5.4 RCPT parameters are not implemented", stopping);
        }

        if (_recipients.Count >= options.MaxRecipients)
        {
            return await ReplyAsync("452 4.5.3 Too many recipients", stopping);
        }

        _recipients.Add(mailbox);
        return await ReplyAsync("250 2.1.5 Recipient OK", stopping);
    }

    private async Task<bool> DataAsync(string argument, CancellationToken stopping)
    {
        if (argument.Length > 0)
        {
            return await RefuseAsync("501 5.5.4 DATA takes no argument", stopping);
        }

        if (_reversePath is null)
        {
            return await RefuseAsync("503 5.5.1 Need MAIL before DATA", stopping);
        }

        if (_recipients.Count == 0)
        {
            return await RefuseAsync("554 5.5.1 No valid recipients", stopping);
        }

        if (!await ReplyAsync("354 Start mail input; end with <CRLF>.<CRLF>", stopping))
        {
            return false;
        }

        using var data = new MemoryStream();
        var oversized = false;
        var previousEndedWithCrLf = true;
        while (true)
        {
            // Past the limit, keep reading (to find the end of the data) but hold on to nothing.
            var room = oversized ? 1 : Math.Max(1, options.MaxMessageSize - (int)data.Length);
            if (await ReadAsync(room, stopping) is not { } line)
            {
                return false;
            }

            // Only CRLF "." CRLF ends the data (RFC 5321 §4.1.1.4); "\n.\r\n" is content, or a smuggling attempt.
            if (line is { EndsWithCrLf: true, TooLong: false, Content: [(byte)'.'] } && previousEndedWithCrLf)
            {
                break;
            }

            previousEndedWithCrLf = line.EndsWithCrLf;
            if (oversized || line.TooLong)
            {
                oversized = true;
                continue;
            }

            // Dot-unstuffing, RFC 5321 §4.5.2: the client doubled every leading dot.
            var content = line.Content.AsSpan();
            if (content is [(byte)'.', ..])
            {
                content = content[1..];
            }

            if (data.Length + content.Length + 2 > options.MaxMessageSize)
            {
                oversized = true;
                data.SetLength(0);
                continue;
            }

            data.Write(content);
            data.Write(line.EndsWithCrLf ? CrLf : "\n"u8);
        }

        if (oversized)
        {
            ResetTransaction();
            return await ReplyAsync("552 5.3.4 Message size exceeds fixed maximum message size", stopping);
        }

        var message = store(data.ToArray(), _reversePath, [.. _recipients]);
        ResetTransaction();
        return await ReplyAsync($"250 2.0.0 OK: queued as {message.Id.ToString(CultureInfo.InvariantCulture)}", stopping);
    }

    private async Task<bool> ResetAsync(CancellationToken stopping)
    {
        ResetTransaction();
        return await ReplyAsync("250 2.0.0 OK", stopping);
    }

    private void ResetTransaction()
    {
        _reversePath = null;
        _recipients.Clear();
    }

    private async Task<SmtpLine?> ReadAsync(int maxContentLength, CancellationToken stopping)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        idle.CancelAfter(options.IdleTimeout);
        try
        {
            return await _reader.ReadLineAsync(maxContentLength, idle.Token);
        }
        catch (OperationCanceledException)
        {
            var reason = stopping.IsCancellationRequested ? "4.3.2 Service shutting down" : "4.4.2 Idle timeout";
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await ReplyAsync($"421 {reason}, closing connection", grace.Token);
            return null;
        }
    }

    /// <summary>Replies with an error; false once the client has erred too often and the session must end.</summary>
    private async Task<bool> RefuseAsync(string reply, CancellationToken stopping)
    {
        if (++_errors > MaxErrors)
        {
            await ReplyAsync("421 4.7.0 Too many errors, closing connection", stopping);
            return false;
        }

        return await ReplyAsync(reply, stopping);
    }

    private async Task<bool> ReplyAsync(string reply, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(reply + "\r\n"), cancellationToken);
        await stream.FlushAsync(cancellationToken);
        return true;
    }
}
