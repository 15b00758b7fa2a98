using FitFolio.Grains.RateLimiting;

namespace FitFolio.Api.Auth;

/// <summary>
/// The global per-account limit's decision for this request, taken by the user grain in the same call
/// that checked the session (<see cref="SessionMiddleware"/>); <see cref="GlobalRateLimitMiddleware"/>
/// answers it without a second grain call.
/// </summary>
public sealed record CountedAccountRequest(RateLimitDecision Decision);
