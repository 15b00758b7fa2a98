namespace FitFolio.Grains.Mail;

internal static class MailAddresses
{
    /// <summary>The domain of an address: as much of the recipient as logs may carry.</summary>
    public static string DomainOf(string address)
    {
        var at = address.LastIndexOf('@');
        return at < 0 ? "(none)" : address[(at + 1)..];
    }
}
