namespace FitFolio.Grains.Passkeys;

[GrainType("passkey-ceremony")]
internal sealed class PasskeyCeremonyGrain(PasskeyRelyingParty relyingParty) : Grain, IPasskeyCeremonyGrain
{
    private PendingPasskeyCeremony? _pending;
    private bool _used;

    public Task<PublicKeyCredentialRequestOptionsJson> Begin(byte[]? userHandle)
    {
        if (_pending is not null || _used)
        {
            // Ids are 128 random bits chosen by the server, so this is a bug, never a client's doing.
            throw new InvalidOperationException("A passkey ceremony id was reused.");
        }

        // Every FitFolio passkey is discoverable (residentKey "required"), so an empty allowCredentials
        // always works, and the options never list anyone's credential ids (§14.6.3, privacy).
        // Explicit: a null byte[] converts implicitly to an empty, non-null ReadOnlyMemory<byte>.
        var handle = userHandle is null ? default(ReadOnlyMemory<byte>?) : new ReadOnlyMemory<byte>(userHandle);
        var start = relyingParty.Issuer.IssueAuthentication(handle, []);
        _pending = start.Pending;
        return Task.FromResult(start.Options);
    }

    public Task<PendingCeremonyState?> Take()
    {
        var pending = _pending;
        _pending = null;
        _used = true;
        // Nothing more will happen here: free the activation rather than wait for the idle timeout.
        DeactivateOnIdle();
        return Task.FromResult(pending is null ? null : PendingCeremonyState.From(pending));
    }
}
