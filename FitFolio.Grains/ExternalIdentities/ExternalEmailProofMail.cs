using System.Globalization;
using FitFolio.Grains.Mail;

namespace FitFolio.Grains.ExternalIdentities;

/// <summary>The mail proving an address for a provider sign-in that came without one the provider vouched for.</summary>
public static class ExternalEmailProofMail
{
    public const string Subject = "Finish signing in to FitFolio";

    public static OutgoingMail Confirm(string to, string provider, Uri link, TimeSpan lifetime) =>
        new(to, NoticeMail.Render(
            Subject,
            $"Finish signing in with {provider}",
            [
                $"Someone signed in to FitFolio with {provider} and asked to use this address.",
                $"If that was you, open the link in the same browser to finish. It expires in {Minutes(lifetime)}.",
                "If it was not you, ignore this email: nothing happens unless the link is opened in the browser that asked for it.",
            ],
            ("Finish signing in", link)), "provider-email")
        { ValidFor = lifetime };

    private static string Minutes(TimeSpan span) => ((int)Math.Ceiling(span.TotalMinutes)).ToString(CultureInfo.InvariantCulture) + " minutes";
}
