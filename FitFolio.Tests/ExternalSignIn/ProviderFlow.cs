using System.Net;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.ExternalSignIn;

/// <summary>
/// What a browser does in a provider sign-in: start at FitFolio, follow the redirect to the provider, sign in on its login page with
/// the person's subject and password, press Allow (or Deny) on its consent page, and come back to the callback.
/// </summary>
public static class ProviderFlow
{
    /// <summary>Starts a flow and returns the callback (path and query) the provider sent the browser back to.</summary>
    public static async Task<string> ToCallbackAsync(ApiClient browser, TestPerson person, string provider = "oidc", bool allow = true)
    {
        var start = await browser.GetAsync($"/api/v1/auth/external/{provider}/start");
        Assert.Equal(HttpStatusCode.Redirect, start.Status);
        var back = await AtProviderAsync(new Uri(start.Headers["Location"]), person, allow);
        Assert.StartsWith(ExternalSignInFixture.CallbackBase + provider + "/callback?", back.ToString(), StringComparison.Ordinal);
        return back.PathAndQuery;
    }

    /// <summary>Runs a whole flow; the answer is the callback's redirect (into the app, or to the sign-in page with the error).</summary>
    public static async Task<ApiResponse> RunAsync(ApiClient browser, TestPerson person, string provider = "oidc", bool allow = true) =>
        await browser.GetAsync(await ToCallbackAsync(browser, person, provider, allow));

    /// <summary>
    /// The person's part at the provider, from its authorization URL: the login form, then the consent page; the answer is where the
    /// provider sent the browser back to. The provider's cookies live in this browser at the provider only, as they would.
    /// </summary>
    public static async Task<Uri> AtProviderAsync(Uri authorize, TestPerson person, bool allow = true)
    {
        using var http = ProviderBrowser();
        var login = await HtmlForm.ReadAsync(await http.GetAsync(authorize, TestContext.Current.CancellationToken));
        var consent = await HtmlForm.ReadAsync(
            await http.SendAsync(login.Submit("login", ("username", person.Subject), ("password", person.Password)), TestContext.Current.CancellationToken));
        Assert.Contains("Allow", consent.Page, StringComparison.Ordinal);
        using var back = await http.SendAsync(consent.Submit(allow ? "allow" : "deny"), TestContext.Current.CancellationToken);
        Assert.True(
            back.StatusCode == HttpStatusCode.Redirect,
            $"{(int)back.StatusCode}: {await back.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        return back.Headers.Location!;
    }

    /// <summary>A browser at the provider: keeps the provider's cookies, follows no redirect (the way back is the test's to follow).</summary>
    public static HttpClient ProviderBrowser() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() });

    public static string? ErrorOf(ApiResponse callback)
    {
        Assert.Equal(HttpStatusCode.Redirect, callback.Status);
        var location = callback.Headers["Location"];
        const string marker = "/signin?external_error=";
        return location.StartsWith(marker, StringComparison.Ordinal) ? location[marker.Length..] : null;
    }
}
