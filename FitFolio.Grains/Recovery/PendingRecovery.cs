using FitFolio.Grains.Users;

namespace FitFolio.Grains.Recovery;

/// <summary>What one check reads for an address: its account (if any), that account's unused codes, and the address's lockout.</summary>
internal sealed record PendingRecovery(Guid? UserId, IReadOnlyList<StoredRecoveryCode> Codes, Lockout Lockout);
