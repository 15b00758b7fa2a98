using System.Net;

namespace FitFolio.Grains.Admin;

/// <summary>Audit log filters, already validated: every value reaches SQL as a typed parameter.</summary>
public sealed record AuditFilter(Guid? UserId, string? Type, IPAddress? Ip, DateTimeOffset? From, DateTimeOffset? To);
