using FitFolio.Grains.Users;

namespace FitFolio.Grains.SignIn;

/// <summary>What one address has for the code path: its account (if any), its live link (if any) and its lockout.</summary>
internal sealed record PendingCode(Guid? UserId, LiveLink? Link, Lockout Lockout);
