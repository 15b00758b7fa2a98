namespace FitFolio.Api.Http;

/// <summary>Why a state-changing route ignores <c>Idempotency-Key</c>; each is said on the operation in the OpenAPI document.</summary>
public static class IdempotencyKeyReasons
{
    /// <summary>A stored answer is replayed to whoever retries with the key: it must never hold a secret or set a cookie.</summary>
    public const string Credential = "Its answer carries a credential or sets a cookie (a session, a passkey ceremony, a key or codes), "
        + "and a stored answer must never hold one.";

    public const string Anonymous = "Anyone may call it: there is no caller to keep a key for, and the mail limits bound what a repeat sends.";

    public const string SendsMail = "It sends a mail: a repeat sends another, within the mail limits.";

    public const string ChangesNothing = "It changes nothing but the audit log (it reads): a repeat answers again.";

    /// <summary>Preferences live in Orleans grain storage, whose write is not a transaction of ours to store an answer in.</summary>
    public const string WholeState = "It replaces the whole state, kept in Orleans grain storage rather than a transaction that could hold an answer: "
        + "a repeat sets the same state and gets the same answer.";
}
