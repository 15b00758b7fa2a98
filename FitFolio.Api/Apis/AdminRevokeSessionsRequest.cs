namespace FitFolio.Api.Apis;

/// <summary>
/// Optional body of <c>POST /admin/users/{id}/revoke-sessions</c>: with <see cref="RevokeApiKeys"/> true, every API key
/// of the person is revoked too (default false: a key may run a sync the person set up, and an admin acting only on a lost device keeps it).
/// </summary>
public sealed record AdminRevokeSessionsRequest(bool? RevokeApiKeys);
