namespace FitFolio.Grains.Mail;

/// <summary>A message the sweep marked failed without a send: it expired, or its last attempt never reported back.</summary>
internal sealed record AbandonedMail(Guid Id, string To, bool Expired);
