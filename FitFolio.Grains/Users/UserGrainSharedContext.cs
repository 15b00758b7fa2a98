using FitFolio.Grains.ApiKeys;
using FitFolio.Grains.Audit;
using FitFolio.Grains.Common;
using FitFolio.Grains.Mail;
using FitFolio.Grains.Passkeys;
using FitFolio.Grains.Recovery;
using Microsoft.Extensions.Options;

namespace FitFolio.Grains.Users;

/// <summary>
/// What every activation of the user grain shares (as Orleans' own <c>GrainTypeSharedContext</c> is shared by
/// the activations of a grain type): the stores, the mail outbox, the audit log, the clock and the options.
/// One singleton; each activation hands its parts only the members they use.
/// </summary>
internal sealed class UserGrainSharedContext(
    UserStore store,
    MailOutbox outbox,
    AuditLog audit,
    TimeProvider clock,
    IOptions<AuthOptions> authOptions,
    IOptions<AppOptions> appOptions,
    PasskeyRelyingParty relyingParty,
    PasskeyDirectory passkeyDirectory,
    ApiKeyStore apiKeys,
    RecoveryCodeStore recoveryCodes)
{
    public UserStore Store { get; } = store;

    public MailOutbox Outbox { get; } = outbox;

    public AuditLog Audit { get; } = audit;

    public TimeProvider Clock { get; } = clock;

    public AuthOptions Options { get; } = authOptions.Value;

    /// <summary>Where links in mail point; the RP ID and the CSRF origin derive from it too.</summary>
    public Uri PublicOrigin { get; } = appOptions.Value.PublicOrigin!;

    public PasskeyRelyingParty RelyingParty { get; } = relyingParty;

    public PasskeyDirectory PasskeyDirectory { get; } = passkeyDirectory;

    public ApiKeyStore ApiKeys { get; } = apiKeys;

    public RecoveryCodeStore RecoveryCodes { get; } = recoveryCodes;
}
