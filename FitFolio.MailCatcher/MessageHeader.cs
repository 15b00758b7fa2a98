namespace FitFolio.MailCatcher;

/// <summary>One header field of a received message, unfolded, with RFC 2047 encoded words decoded.</summary>
public sealed record MessageHeader(string Name, string Value);
