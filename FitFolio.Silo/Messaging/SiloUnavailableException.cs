namespace FitFolio.Silo.Messaging;

/// <summary>The target silo did not take the call (connection refused, or it is leaving): safe to place and send again.</summary>
internal sealed class SiloUnavailableException(string message, Exception? innerException = null) : Exception(message, innerException);
