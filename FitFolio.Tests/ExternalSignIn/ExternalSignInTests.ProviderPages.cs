using System.Net;

namespace FitFolio.Tests.ExternalSignIn;

/// <summary>
/// The test providers' own login and consent pages (<see cref="ProviderLoginPages"/>), which every other test goes through: they must
/// behave as a real provider's do, or the flows above would prove less than they say.
/// </summary>
public sealed partial class ExternalSignInTests
{
    [Theory]
    [InlineData("oidc")]
    [InlineData("discord")]
    public async Task A_wrong_password_shows_the_providers_login_form_again_and_the_consent_page_names_the_client_and_scopes(string provider)
    {
        var person = api.Reset(new TestPerson(provider == "oidc" ? "pages-subject" : "175928847299117072", $"pages-{provider}@example.com"));
        using var browser = api.Host.Client();
        var start = await browser.GetAsync($"/api/v1/auth/external/{provider}/start");
        using var http = ProviderFlow.ProviderBrowser();

        var login = await HtmlForm.ReadAsync(await http.GetAsync(new Uri(start.Headers["Location"]), TestContext.Current.CancellationToken));
        Assert.Contains(login.Fields, f => f.Key == "password");
        // A wrong password: the same form again with an error, and no redirect anywhere.
        var again = await HtmlForm.ReadAsync(await http.SendAsync(
            login.Submit("login", ("username", person.Email!), ("password", "not the password")), TestContext.Current.CancellationToken));
        Assert.Contains("Wrong username or password.", again.Page, StringComparison.Ordinal);
        Assert.Contains(again.Fields, f => f.Key == "password");
        // The address works as the username too (the e2e tests type it).
        var consent = await HtmlForm.ReadAsync(await http.SendAsync(
            again.Submit("login", ("username", person.Email!), ("password", person.Password)), TestContext.Current.CancellationToken));

        Assert.Contains("Allow FitFolio to use your", consent.Page, StringComparison.Ordinal);
        Assert.Contains("<strong>email</strong>", consent.Page, StringComparison.Ordinal);
        Assert.Equal(["allow", "deny"], consent.Buttons.Select(b => b.Value));
        using var back = await http.SendAsync(consent.Submit("allow"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.Equal("/", (await browser.GetAsync(back.Headers.Location!.PathAndQuery)).Headers["Location"]);
    }

    [Fact]
    public async Task The_providers_forms_work_once_and_only_in_the_browser_they_were_handed_to()
    {
        var person = api.Reset(new TestPerson("pages-csrf-subject", "pages-csrf@example.com"));
        using var browser = api.Host.Client();
        var start = await browser.GetAsync("/api/v1/auth/external/oidc/start");
        using var http = ProviderFlow.ProviderBrowser();
        var login = await HtmlForm.ReadAsync(await http.GetAsync(new Uri(start.Headers["Location"]), TestContext.Current.CancellationToken));
        var typed = new[] { ("username", person.Subject), ("password", person.Password) };

        // Posted from another browser (a page elsewhere submitting the form for someone): no provider cookie, refused.
        using var elsewhere = ProviderFlow.ProviderBrowser();
        using var forged = await elsewhere.SendAsync(login.Submit("login", typed), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        var consent = await HtmlForm.ReadAsync(await http.SendAsync(login.Submit("login", typed), TestContext.Current.CancellationToken));
        // The login form's token was spent: posting it again is refused too.
        using var replayed = await http.SendAsync(login.Submit("login", typed), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, replayed.StatusCode);
        // A consent form whose hidden redirect URI was changed is checked again by OpenIddict, and refused before any code is issued.
        var steered = consent.Submit("allow", ("redirect_uri", "http://127.0.0.1:1/steal"));
        using var refused = await http.SendAsync(steered, TestContext.Current.CancellationToken);
        // (OpenIddict's own error page, invalid_client: the URI is not one it may send a person back to.)
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Null(refused.Headers.Location);
        Assert.Contains("invalid_client", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
