using System.Text.Json;

namespace FitFolio.Grains.Admin;

/// <summary>One audit event as admins read it.</summary>
public sealed record AuditEventRow(
    long Id, DateTimeOffset OccurredAt, string Type, Guid? UserId, string? Email, string? Ip, string? UserAgent, string? RequestId, JsonElement Details);
