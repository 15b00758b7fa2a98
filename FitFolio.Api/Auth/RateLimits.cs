using System.Collections.Frozen;
using FitFolio.Api.Http;
using FitFolio.Grains.RateLimiting;
using Microsoft.Extensions.Options;

namespace FitFolio.Api.Auth;

/// <summary>
/// Asks the cluster-wide counter grains, and turns a refusal into a 429 with Retry-After. The
/// refusal is audited by its counter, one summary row per window however many requests it refuses.
/// </summary>
public sealed class RateLimits(IGrainFactory grains, IOptions<RateLimitOptions> options)
{
    /// <summary>The per-address sign-in mail quota, counted per address and requesting network.</summary>
    public const string MailPerNetworkPolicy = "magic-start-email";

    /// <summary>The absolute per-address sign-in mail cap, all networks together.</summary>
    public const string MailCapPolicy = "magic-start-email-cap";

    public RateLimitOptions Rules => options.Value;

    /// <summary>Who a per-client limit counts: the IPv4 address, or the IPv6 network (/64 by default).</summary>
    public string ClientKey(HttpContext context) => ClientNetwork.KeyOf(context.Connection.RemoteIpAddress, Rules.IPv6PrefixLength);

    public async Task<IResult?> AcquireAsync(HttpContext context, string policy, string subject, RateLimitRule rule)
    {
        var grain = Counter(policy, subject);
        var decision = await grain.Acquire(rule);
        return decision.Allowed ? null : await RefuseAsync(context, grain, policy, rule, decision.RetryAfter);
    }

    public async Task<IResult?> CheckAsync(HttpContext context, string policy, string subject, RateLimitRule rule)
    {
        var grain = Counter(policy, subject);
        var decision = await grain.Check(rule);
        return decision.Allowed ? null : await RefuseAsync(context, grain, policy, rule, decision.RetryAfter);
    }

    /// <summary>
    /// The 429 for a request refused by a count taken elsewhere (the user grain's, for the per-account limit); the refusal is
    /// audited by the counter of <paramref name="policy"/> and <paramref name="subject"/>, one summary row per window as for every other limit.
    /// </summary>
    public async Task<IResult?> RefuseAsync(HttpContext context, string policy, string subject, RateLimitRule rule, TimeSpan retryAfter) =>
        await RefuseAsync(context, Counter(policy, subject), policy, rule, retryAfter);

    public ValueTask<RateLimitDecision> CountAsync(string policy, string subject, RateLimitRule rule) => Counter(policy, subject).Acquire(rule);

    /// <summary>
    /// One more sign-in mail to <paramref name="email"/>: within the quota of the requesting network
    /// (so someone else's flood cannot use up the owner's own), and under the address's absolute cap.
    /// </summary>
    public async Task<IResult?> AcquireMailQuotaAsync(HttpContext context, string email) =>
        await AcquireAsync(context, MailPerNetworkPolicy, ClientKey(context) + " " + email, Rules.MagicLinkStartPerEmail)
        ?? await AcquireAsync(context, MailCapPolicy, email, Rules.MagicLinkStartPerEmailCap);

    // The low-rate security windows live in grain storage, so restarting every silo cannot reset them;
    // the per-request limits stay in memory, where a write per request would cost more (docs/architecture.md).
    private static readonly FrozenSet<string> DurablePolicies = [MailPerNetworkPolicy, MailCapPolicy, ApiKeyMiddleware.FailurePolicy];

    private IRateLimitGrain Counter(string policy, string subject) => grains.GetRateLimitCounter($"{policy}:{subject}", DurablePolicies.Contains(policy));

    private static async Task<IResult> RefuseAsync(HttpContext context, IRateLimitGrain counter, string policy, RateLimitRule rule, TimeSpan retryAfter)
    {
        await counter.RecordRefusal(
            new RateLimitRefusal(policy, rule.Window, retryAfter, context.Features.Get<CurrentUser>()?.UserId, RequestOrigins.Of(context)));
        return Errors.TooManyRequests(context, retryAfter);
    }
}
