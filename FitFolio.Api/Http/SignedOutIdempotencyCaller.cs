namespace FitFolio.Api.Http;

/// <summary>
/// Route metadata for <see cref="IdempotencyKeyFilter"/>: who a keyed request is when nobody is signed in, on a route where
/// something other than a session proves the caller (the email-change confirmation: its mailed link). Null from
/// <see cref="Resolve"/>: nothing proves a caller, and the request runs unkeyed, as on every other route signed out.
/// </summary>
public sealed record SignedOutIdempotencyCaller(Func<EndpointFilterInvocationContext, ValueTask<IdempotencyCaller?>> Resolve);
