namespace FitFolio.MailCatcher.Mime;

internal sealed record ParsedMessage(IReadOnlyList<MessageHeader> Headers, string? TextBody, string? HtmlBody);
