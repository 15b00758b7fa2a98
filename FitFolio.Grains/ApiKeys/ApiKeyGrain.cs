using FitFolio.Grains.Common;
using Microsoft.Extensions.Options;

namespace FitFolio.Grains.ApiKeys;

[GrainType("api-key")]
internal sealed class ApiKeyGrain(ApiKeyStore store, TimeProvider clock, IOptions<ApiKeyOptions> options) : Grain, IApiKeyGrain
{
    private StoredApiKey? _key;
    private DateTimeOffset? _lastUsedStored;
    private Task _lastUsedFlush = Task.CompletedTask;
    private DateTimeOffset? _useAudited;
    private Task _useAudit = Task.CompletedTask;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A guessed id activates this grain too; it holds nothing and refuses everything.
        _key = ApiKeyToken.IsWellFormedPublicId(this.GetPrimaryKeyString()) ? await store.LoadAsync(this.GetPrimaryKeyString(), cancellationToken) : null;
        _lastUsedStored = _key?.LastUsedAt;
        _useAudited = _key?.UseAuditedAt;
    }

    public Task<ApiKeyCheck> Authenticate(byte[] secretHash, RequestOrigin origin)
    {
        // Compared before anything about the key is revealed: only the holder of the secret learns it was revoked or expired.
        if (_key is null || !Secrets.FixedTimeEquals(secretHash, _key.SecretHash))
        {
            return Task.FromResult(ApiKeyCheck.Refused(ApiKeyCheck.Unknown));
        }

        var now = clock.GetUtcNow();
        if (_key.RevokedAt is not null)
        {
            return Task.FromResult(ApiKeyCheck.Refused(ApiKeyCheck.Revoked, _key.UserId, _key.Id));
        }

        if (_key.ExpiresAt <= now)
        {
            return Task.FromResult(ApiKeyCheck.Refused(ApiKeyCheck.Expired, _key.UserId, _key.Id));
        }

        if ((_lastUsedStored is null || now - _lastUsedStored >= options.Value.LastUsedWriteInterval) && _lastUsedFlush.IsCompleted)
        {
            _lastUsedStored = now;
            _lastUsedFlush = StoreLastUsedAsync(_key.Id, now, origin.Ip);
        }

        // Successful use is audited as a sample (ASVS 5.0 §16.3.1 without a row per request), off the request path.
        if ((_useAudited is null || now - _useAudited >= options.Value.UseAuditInterval) && _useAudit.IsCompleted)
        {
            _useAudited = now;
            _useAudit = RecordUseAsync(_key, now, origin);
        }

        return Task.FromResult(new ApiKeyCheck(_key.UserId, _key.Id, _key.Scopes));
    }

    public Task<bool> Revoke(Guid ownerId, string reason, RequestOrigin origin) => RevokeAsync(ownerId, reason, origin, null);

    public Task<bool> RevokeByAdmin(Guid ownerId, Guid adminId, RequestOrigin origin) => RevokeAsync(ownerId, "revoked_by_admin", origin, adminId);

    public Task Forget()
    {
        _key = null;
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    private async Task<bool> RevokeAsync(Guid ownerId, string reason, RequestOrigin origin, Guid? byAdmin)
    {
        if (_key is null || _key.UserId != ownerId || _key.RevokedAt is not null)
        {
            return false;
        }

        var revoked = await store.RevokeAsync(_key.Id, ownerId, reason, origin, byAdmin);
        _key = _key with { RevokedAt = clock.GetUtcNow() };
        return revoked;
    }

    private async Task RecordUseAsync(StoredApiKey key, DateTimeOffset at, RequestOrigin origin)
    {
        try
        {
            await store.RecordUseAsync(key, at, options.Value.UseAuditInterval, origin);
        }
        catch (Npgsql.NpgsqlException)
        {
            // A sample lost to an outage is not worth refusing a valid key; the next interval samples again.
        }
    }

    private async Task StoreLastUsedAsync(Guid keyId, DateTimeOffset at, string? ip)
    {
        try
        {
            await store.StoreLastUsedAsync(keyId, at, ip);
        }
        catch (Npgsql.NpgsqlException)
        {
            // "Last used" is advisory: a missed write must never refuse a valid key.
        }
    }
}
