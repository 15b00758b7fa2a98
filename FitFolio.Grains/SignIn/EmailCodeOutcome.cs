namespace FitFolio.Grains.SignIn;

public enum EmailCodeOutcome
{
    Wrong,
    Matched,
    Locked,
}
