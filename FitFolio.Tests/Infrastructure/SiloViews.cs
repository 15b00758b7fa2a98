using FitFolio.Silo.Membership;

namespace FitFolio.Tests.Infrastructure;

public static class SiloViews
{
    /// <summary>Completes when <paramref name="silo"/>'s view satisfies <paramref name="predicate"/>; driven by the view-changed event, no sleeping.</summary>
    public static async Task WaitForAsync(Silo.Hosting.Silo silo, Func<MembershipSnapshot, bool> predicate, TimeSpan timeout)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check(MembershipSnapshot view)
        {
            if (predicate(view))
            {
                reached.TrySetResult();
            }
        }

        silo.ViewChanged += Check;
        try
        {
            Check(silo.View);
            await reached.Task.WaitAsync(timeout, TestContext.Current.CancellationToken);
        }
        finally
        {
            silo.ViewChanged -= Check;
        }
    }
}
