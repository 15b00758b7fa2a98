using System.Text.Json.Serialization;

namespace FitFolio.MailCatcher;

/// <summary>
/// A message the sink accepted: the SMTP envelope, the decoded header fields, and the first
/// <c>text/plain</c> and <c>text/html</c> bodies found (transfer encoding and charset decoded).
/// </summary>
public sealed record ReceivedMessage(
    long Id,
    DateTimeOffset ReceivedAt,
    string EnvelopeFrom,
    IReadOnlyList<string> EnvelopeRecipients,
    IReadOnlyList<MessageHeader> Headers,
    string? TextBody,
    string? HtmlBody,
    int Size)
{
    public string? Subject => Header("Subject");

    public string? From => Header("From");

    public string? To => Header("To");

    public string? MessageId => Header("Message-ID");

    /// <summary>The message as received, after dot-unstuffing.</summary>
    [JsonIgnore]
    public ReadOnlyMemory<byte> Raw { get; init; }

    /// <summary>The first header field called <paramref name="name"/> (case-insensitive), or null.</summary>
    public string? Header(string name) =>
        Headers.FirstOrDefault(header => string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase))?.Value;
}
