using System.Globalization;

namespace FitFolio.Grains.Mail;

/// <summary>
/// The account notices: confirming a new address, telling the old one, a new device, a deleted
/// account, and the changes a stolen session would make to keep the account (a passkey added,
/// email sign-in turned off, an API key created).
/// </summary>
public static class AccountMailTemplates
{
    public const string ConfirmEmailSubject = "Confirm your new FitFolio email address";
    public const string EmailChangedSubject = "Your FitFolio email address was changed";
    public const string NewDeviceSubject = "New sign-in to your FitFolio account";
    public const string AccountDeletedSubject = "Your FitFolio account was deleted";
    public const string PasskeyAddedSubject = "A passkey was added to your FitFolio account";
    public const string EmailSignInOffSubject = "Email sign-in was turned off for your FitFolio account";
    public const string ApiKeyCreatedSubject = "A new API key was created for your FitFolio account";
    public const string RecoveryCodeUsedSubject = "A recovery code was used to sign in to your FitFolio account";
    public const string ProviderLinkedSubject = "A sign-in provider was linked to your FitFolio account";

    public const string ProviderUnlinkedSubject = "A sign-in provider was unlinked from your FitFolio account";

    /// <summary>The app's sessions page, where a notice sends the owner to review sessions and passkeys.</summary>
    public static Uri SessionsPage(Uri publicOrigin) => new(publicOrigin, "/account/sessions");

    public static OutgoingMail ConfirmNewEmail(string to, Uri link, TimeSpan lifetime) =>
        new(to, NoticeMail.Render(
            ConfirmEmailSubject,
            "Confirm your new email address",
            [
                "Someone signed in to FitFolio asked to use this address for their account. Open the link to confirm it; until then the account keeps its old address.",
                $"The link expires in {Minutes(lifetime)}. If this was not you, ignore this email and nothing changes.",
            ],
            ("Confirm this address", link)), "email-change")
        { ValidFor = lifetime };

    public static OutgoingMail EmailChanged(string to, string newAddressDomain, DateTimeOffset at, Uri sessionsPage) =>
        new(to, NoticeMail.Render(
            EmailChangedSubject,
            "Your email address was changed",
            [
                $"At {Time(at)} your FitFolio account moved to an address at {newAddressDomain}. Mail for the account now goes there.",
                "If this was not you, sign in with a passkey and review your sessions, or contact support right away.",
            ],
            ("Review your sessions", sessionsPage)), "email-changed");

    public static OutgoingMail NewDevice(string to, string device, string? ip, DateTimeOffset at, Uri sessionsPage) =>
        new(to, NoticeMail.Render(
            NewDeviceSubject,
            "A new device signed in",
            [
                $"Device: {device}",
                .. Where(ip, at),
                "If this was you, there is nothing to do. If not, end that session from your sessions page and make sure your email account is safe.",
            ],
            ("Review your sessions", sessionsPage)), "new-device");

    public static OutgoingMail AccountDeleted(string to, DateTimeOffset at) =>
        new(to, NoticeMail.Render(
            AccountDeletedSubject,
            "Your account was deleted",
            [
                $"At {Time(at)} your FitFolio account and all of its data were deleted, and every session was ended.",
                "You can create a new account with this address at any time. If you did not do this, contact support.",
            ]), "account-deleted");

    public static OutgoingMail PasskeyAdded(string to, string passkeyName, string? ip, DateTimeOffset at, Uri sessionsPage) =>
        ChangeNotice(
            to,
            PasskeyAddedSubject,
            "A passkey was added",
            $"Passkey: {passkeyName}",
            ip,
            at,
            "A passkey signs in to your account without email. If you did not add it, delete it on your passkeys page and end every session you do not recognise.",
            sessionsPage,
            "passkey-added");

    public static OutgoingMail EmailSignInTurnedOff(string to, string? ip, DateTimeOffset at, Uri sessionsPage) =>
        ChangeNotice(
            to,
            EmailSignInOffSubject,
            "Email sign-in was turned off",
            "Sign-in links and codes are no longer sent to this address: only your passkeys sign you in. We still tell you here about changes to your account.",
            ip,
            at,
            "If you did not do this, sign in with a passkey, turn email sign-in back on, and review your sessions and passkeys.",
            sessionsPage,
            "email-sign-in-off");

    public static OutgoingMail ApiKeyCreated(string to, string keyName, IReadOnlyList<string> scopes, string? ip, DateTimeOffset at, Uri sessionsPage) =>
        ChangeNotice(
            to,
            ApiKeyCreatedSubject,
            "A new API key was created",
            $"Key: {keyName} ({string.Join(" and ", scopes)})",
            ip,
            at,
            "An API key reaches your training log without signing in. If you did not create it, revoke it on your API keys page and end every session you do not recognise.",
            sessionsPage,
            "api-key-created");

    public static OutgoingMail RecoveryCodeUsed(string to, int remaining, string? ip, DateTimeOffset at, Uri sessionsPage) =>
        ChangeNotice(
            to,
            RecoveryCodeUsedSubject,
            "A recovery code was used",
            $"Someone signed in with one of your recovery codes, and every other session was ended. Recovery codes left: {remaining}.",
            ip,
            at,
            "If you did not do this, your recovery codes are no longer secret: contact support right away.",
            sessionsPage,
            "recovery-code-used");

    public static OutgoingMail ProviderLinked(string to, string provider, string? ip, DateTimeOffset at, Uri sessionsPage) =>
        ChangeNotice(
            to,
            ProviderLinkedSubject,
            "A sign-in provider was linked",
            $"Provider: {provider}. Signing in there now signs you in to FitFolio.",
            ip,
            at,
            "If you did not link it, unlink it on your account page and end every session you do not recognise.",
            sessionsPage,
            "provider-linked");

    public static OutgoingMail ProviderUnlinked(string to, string provider, string? ip, DateTimeOffset at, Uri sessionsPage) =>
        ChangeNotice(
            to,
            ProviderUnlinkedSubject,
            "A sign-in provider was unlinked",
            $"Provider: {provider}. Signing in there no longer signs you in to FitFolio.",
            ip,
            at,
            "If you did not unlink it, someone may be in your account: end every session you do not recognise and link it again.",
            sessionsPage,
            "provider-unlinked");

    /// <summary>
    /// A change that would keep a stolen session in the account, told alike every time: what changed, from where
    /// and when, what to do if it was not the owner, and the way to the sessions and passkeys.
    /// </summary>
    private static OutgoingMail ChangeNotice(
        string to, string subject, string heading, string what, string? ip, DateTimeOffset at, string advice, Uri sessionsPage, string purpose) =>
        new(to, NoticeMail.Render(subject, heading, [what, .. Where(ip, at), advice], ("Review your sessions and passkeys", sessionsPage)), purpose);

    private static string[] Where(string? ip, DateTimeOffset at) => [$"Network address: {ip ?? "unknown"}", $"Time: {Time(at)}"];

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Minutes(TimeSpan span) =>
        span.TotalMinutes <= 1 ? "1 minute" : ((int)Math.Ceiling(span.TotalMinutes)).ToString(CultureInfo.InvariantCulture) + " minutes";
}
