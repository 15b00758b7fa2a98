using System.Globalization;
using FitFolio.Grains.Mail;

namespace FitFolio.Grains.ExternalIdentities;

/// <summary>The mail asking an account's owner to confirm linking a provider identity that claims their address.</summary>
public static class ExternalLinkMail
{
    public const string Subject = "Confirm linking a sign-in provider to your FitFolio account";

    public static OutgoingMail Confirm(string to, string provider, Uri link, TimeSpan lifetime) =>
        new(to, NoticeMail.Render(
            Subject,
            "Link a sign-in provider?",
            [
                $"Someone tried to sign in to FitFolio with {provider}, which says this address is theirs. Your account already uses it.",
                $"If that was you, open the link to link {provider} to your account and sign in. It expires in {Minutes(lifetime)}.",
                "If it was not you, ignore this email: nothing is linked unless the link is opened.",
            ],
            ($"Link {provider} and sign in", link)), "provider-link")
        { ValidFor = lifetime };

    private static string Minutes(TimeSpan span) => ((int)Math.Ceiling(span.TotalMinutes)).ToString(CultureInfo.InvariantCulture) + " minutes";
}
