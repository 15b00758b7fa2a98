namespace FitFolio.Api.Auth;

/// <summary>
/// Marks an endpoint that changes nothing an attacker could want forged (asking for a sign-in
/// mail to one's own address), so a first visit can use it before holding a CSRF token.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class CsrfExemptAttribute : Attribute;
