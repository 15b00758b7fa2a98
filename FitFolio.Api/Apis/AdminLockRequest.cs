namespace FitFolio.Api.Apis;

/// <summary>Body of <c>POST /admin/users/{id}/lock</c>: how long, in minutes (default 60, at most 30 days).</summary>
public sealed record AdminLockRequest(int? Minutes);
