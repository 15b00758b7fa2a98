namespace FitFolio.Grains.SignIn;

/// <summary>An address's newest usable link, for checking a code: its salted code hash and the wrong codes already tried against it.</summary>
internal sealed record LiveLink(Guid Id, byte[] CodeSalt, byte[] CodeHash, int CodeAttempts);
