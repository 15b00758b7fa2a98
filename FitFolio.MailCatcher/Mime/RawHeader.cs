namespace FitFolio.MailCatcher.Mime;

/// <summary>A header field as it appeared on the wire (unfolded), its value still in Latin-1-as-bytes form.</summary>
internal sealed record RawHeader(string Name, string Value);
