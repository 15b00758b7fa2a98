using FitFolio.Grains.Audit;
using FitFolio.Grains.Common;
using FitFolio.Grains.Mail;

namespace FitFolio.Grains.Users;

/// <summary>
/// One activation's person, as every part of the user grain works with it: the record in memory, a write
/// transaction on it (which drops the activation should it end without committing), the clock, and the audit
/// events of this person. Memory is changed only after the transaction carrying the change commits, so a failed
/// write leaves the activation exactly as the database is.
/// </summary>
internal sealed class UserScope(UserRecord user, UserGrainSharedContext shared, Action onWriteAbandoned)
{
    public UserRecord User { get; } = user;

    public DateTimeOffset Now => shared.Clock.GetUtcNow();

    public AuthOptions Options => shared.Options;

    public AuditLog Audit => shared.Audit;

    public MailOutbox Outbox => shared.Outbox;

    public Uri PublicOrigin => shared.PublicOrigin;

    /// <summary>Where account notices send the owner to review sessions and passkeys.</summary>
    public Uri SessionsPage => AccountMailTemplates.SessionsPage(shared.PublicOrigin);

    /// <summary>A transaction for a change to this person, claiming the row's next version (<see cref="UserWrite"/>).</summary>
    public Task<UserWrite> BeginWriteAsync() => shared.Store.BeginWriteAsync(User, onWriteAbandoned);

    /// <summary>
    /// The same, for a route that honours <c>Idempotency-Key</c>: the call's key is claimed first, and the write commits with
    /// <see cref="UserWrite.CommitAsync(Idempotency.KeyedAnswer, CancellationToken)"/>, storing its answer.
    /// </summary>
    public Task<UserWrite> BeginKeyedWriteAsync() => shared.Store.BeginWriteAsync(User, onWriteAbandoned, keyed: true);

    /// <summary>Whether any sign-in path may start a session now; the refusal names why not, for the audit row.</summary>
    public bool MaySignIn(out string refusal)
    {
        refusal = User.Deleted ? "account_deleted" : User.AdminLockedUntil > Now ? "account_locked_by_admin" : "";
        return refusal.Length == 0;
    }

    public AuditEvent Event(string type, RequestOrigin origin, params (string Key, object? Value)[] details) =>
        new(type, User.Id, origin, details.Length == 0 ? null : details.ToDictionary(d => d.Key, d => d.Value));
}
