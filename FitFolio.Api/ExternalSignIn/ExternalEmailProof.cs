using FitFolio.Api.Auth;
using FitFolio.Grains.Accounts;
using FitFolio.Grains.Audit;
using FitFolio.Grains.Common;
using FitFolio.Grains.ExternalIdentities;
using FitFolio.Grains.SignIn;
using FitFolio.Grains.Users;
using Microsoft.Extensions.Options;

namespace FitFolio.Api.ExternalSignIn;

/// <summary>
/// A provider sign-in that came without an address the provider vouched for: the identity waits server-side while the person names an
/// address and opens the link mailed to it, in the same browser. Opening it creates the account (or takes one nobody proved yet) and signs
/// in; an address whose account has an owner goes to that owner's confirmation instead, exactly as a provider-verified address would.
/// </summary>
public sealed class ExternalEmailProof(
    ExternalEmailProofStore proofs,
    ExternalIdentityStore identities,
    UserDirectory directory,
    IGrainFactory grains,
    AuditLog audit,
    SignInMailQueue queue,
    SessionCookie sessionCookies,
    CookieSettings cookieSettings,
    IOptions<AuthOptions> auth,
    IOptions<AppOptions> app,
    TimeProvider clock)
{
    /// <summary>Where the app asks for the address (<c>?provider=</c> the provider's id).</summary>
    public const string AddressPage = "/signin/provider-email";

    /// <summary>Where the mailed link opens (<c>#token=</c>: a fragment, so the token reaches no server log and no Referer).</summary>
    public const string LinkPage = "/auth/provider-email";

    /// <summary>The outcomes of opening the link.</summary>
    public enum Outcome
    {
        SignedIn,
        Invalid,
        AccountExists,
        Refused,
    }

    private TimeSpan Lifetime => auth.Value.MagicLinkLifetime;

    // The browser's secret: HttpOnly (no script reads it) and SameSite=Strict (no other site's request carries it), so the waiting
    // identity can be finished only from this browser, never by someone who was handed the flow or the mailed link.
    private string CookieName => cookieSettings.Secure ? "__Host-ff_provider_email" : "ff_provider_email";

    /// <summary>Called by the callback: records the identity under a new browser secret, set as a cookie, and answers where to go next.</summary>
    public async Task<string> BeginAsync(HttpContext http, ExternalIdentityClaim identity, RequestOrigin origin)
    {
        var secret = Secrets.NewToken();
        var now = clock.GetUtcNow();
        var started = new AuditEvent(AuditEventType.ExternalEmailProofStarted, null, origin, Details(identity.Provider));
        await proofs.IssueAsync(identity with { Email = null }, Secrets.Digest(secret), now, now + Lifetime, started, http.RequestAborted);
        http.Response.Cookies.Append(CookieName, secret, Cookie(Lifetime));
        return $"{AddressPage}?provider={Uri.EscapeDataString(identity.Provider)}";
    }

    /// <summary>What <see cref="SendAsync"/> answered.</summary>
    public enum Sending
    {
        /// <summary>Queued: a link or the owner's confirmation follows (<see cref="MailAsync"/>).</summary>
        Queued,

        /// <summary>This browser has no identity waiting, or it expired.</summary>
        NothingWaiting,

        /// <summary>The work queue had no room, or the silo is out of the cluster: the person is told to try again.</summary>
        Unavailable,
    }

    /// <summary>
    /// The person named <paramref name="email"/>. Before the answer only this browser's waiting identity is looked at, never the
    /// address: what depends on the address (a link, or the owner's confirmation) is queued on the magic-link start's queue and
    /// runs after the answer (<see cref="MailAsync"/>), so the answer takes as long whether or not the address has an account.
    /// </summary>
    public async Task<Sending> SendAsync(HttpContext http, EmailAddress email, RequestOrigin origin)
    {
        if (BrowserHash(http) is not { } browser)
        {
            return Sending.NothingWaiting;
        }

        var now = clock.GetUtcNow();
        if (await proofs.FindAsync(browser, now, http.RequestAborted) is null)
        {
            return Sending.NothingWaiting;
        }

        return await queue.TryEnqueueAsync(new ExternalEmailProofSend(browser, email, now, origin), http.RequestAborted)
            ? Sending.Queued
            : Sending.Unavailable;
    }

    /// <summary>
    /// The queued part of <see cref="SendAsync"/>: a new or unproved address is mailed a link; an owned account's owner is mailed the
    /// confirmation a provider-verified address gets (none on a lock or a passkey-only account, audited by the user grain). Nothing
    /// happens when the browser's identity is gone by then, or a later request of the same browser got there first.
    /// </summary>
    public async Task MailAsync(ExternalEmailProofSend send)
    {
        if (await proofs.FindAsync(send.BrowserHash, send.AskedAt, CancellationToken.None) is not { } waiting)
        {
            return;
        }

        var identity = waiting with { Email = send.Email.Value };
        if (await identities.FindAccountAsync(send.Email) is { Verified: true } owned)
        {
            // Never linked on the word of whoever typed the address: its owner confirms, as for a provider that vouched for it.
            if (await proofs.EndAsync(send.BrowserHash, send.AskedAt, CancellationToken.None) is not null)
            {
                await grains.GetGrain<IUserGrain>(owned.Id.ToString("N")).RequestProviderLink(identity, send.Origin);
            }

            return;
        }

        var token = Secrets.NewToken();
        var link = new Uri(app.Value.PublicOrigin!, LinkPage + "#token=" + token);
        var mailed = new AuditEvent(AuditEventType.ExternalEmailProofMailed, null, send.Origin, Details(identity.Provider));
        var mail = ExternalEmailProofMail.Confirm(send.Email.Value, identity.Provider, link, Lifetime);
        await proofs.MailLinkAsync(send.BrowserHash, send.Email, Secrets.Digest(token), send.AskedAt, mail, mailed, CancellationToken.None);
    }

    /// <summary>The person opened the mailed link in this browser: the identity is linked to the address's account and a session starts.</summary>
    public async Task<(Outcome Outcome, UserProfile? User)> ConfirmAsync(HttpContext http, string? token, RequestOrigin origin)
    {
        var browser = BrowserHash(http);
        var identity = browser is not null && Secrets.IsWellFormedToken(token)
            ? await proofs.RedeemAsync(Secrets.Digest(token!), browser, clock.GetUtcNow(), http.RequestAborted)
            : null;
        if (identity is null || !EmailAddress.TryParse(identity.Email, out var email))
        {
            await Fail(http, origin, null, "used_or_expired");
            return (Outcome.Invalid, null);
        }

        http.Response.Cookies.Delete(CookieName, Cookie(TimeSpan.Zero));
        var account = await identities.FindAccountAsync(email, http.RequestAborted);
        if (account is { Verified: true })
        {
            // The address got an owner after the link was mailed: linking to it is the owner's call, from the account page.
            await Fail(http, origin, identity.Provider, "email_belongs_to_account");
            return (Outcome.AccountExists, null);
        }

        var userId = account?.Id ?? await directory.FindOrCreateAsync(email, http.RequestAborted);
        var (cookie, hash) = sessionCookies.Issue(userId);
        var result = await grains.GetGrain<IUserGrain>(userId.ToString("N")).SignUpWithProvider(identity, hash, origin);
        if (result.Outcome != SignInOutcome.SignedIn)
        {
            return (Outcome.Refused, null);
        }

        await ReplacedSession.EndAsync(http, grains);
        cookieSettings.WriteSession(http.Response, cookie);
        return (Outcome.SignedIn, result.User);
    }

    private byte[]? BrowserHash(HttpContext http) =>
        http.Request.Cookies.TryGetValue(CookieName, out var secret) && Secrets.IsWellFormedToken(secret) ? Secrets.Digest(secret!) : null;

    private Task Fail(HttpContext http, RequestOrigin origin, string? provider, string reason) =>
        audit.WriteAsync(
            new AuditEvent(AuditEventType.ExternalSignInFailure, null, origin, new Dictionary<string, object?>(Details(provider)) { ["reason"] = reason }),
            http.RequestAborted);

    private static Dictionary<string, object?> Details(string? provider) => new() { ["provider"] = provider };

    private CookieOptions Cookie(TimeSpan lifetime) => new()
    {
        HttpOnly = true,
        Secure = cookieSettings.Secure,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        MaxAge = lifetime,
        IsEssential = true,
    };
}
