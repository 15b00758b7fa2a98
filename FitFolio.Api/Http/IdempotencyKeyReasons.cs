namespace FitFolio.Api.Http;

/// <summary>Why a state-changing route ignores <c>Idempotency-Key</c>; each is said on the operation in the OpenAPI document.</summary>
public static class IdempotencyKeyReasons
{
    /// <summary>A stored answer is replayed to whoever retries with the key: it must never hold a secret or set a cookie.</summary>
    public const string Credential = "Its answer carries a credential or sets a cookie (a session, a passkey ceremony, a key or codes), "
        + "and a stored answer must never hold one.";

    public const string Anonymous = "Anyone may call it: there is no caller to keep a key for, and the mail limits bound what a repeat sends.";

    public const string SendsMail = "It sends a mail: a repeat sends another, within the mail limits.";

    /// <summary>The account and admin writes of the user grain: not keyed yet (issue 20 keyed the training log first).</summary>
    public const string SetsState = "Not keyed yet: a repeat sets the same state again, or answers 404 for what the first removed.";
}
