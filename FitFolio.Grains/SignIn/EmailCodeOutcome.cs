namespace FitFolio.Grains.SignIn;

[GenerateSerializer, Alias("fitfolio.sign-in.email-code-outcome")]
public enum EmailCodeOutcome
{
    Wrong,
    Matched,
    Locked,
}
