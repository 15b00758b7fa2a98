using FitFolio.Grains.Common;

namespace FitFolio.Grains.Audit;

/// <summary>One security event. Details never hold a token, code, cookie or other secret.</summary>
public sealed record AuditEvent(string Type, Guid? UserId, RequestOrigin Origin, IReadOnlyDictionary<string, object?>? Details = null);
