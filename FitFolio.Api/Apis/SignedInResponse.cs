using FitFolio.Grains.Users;

namespace FitFolio.Api.Apis;

public sealed record SignedInResponse(UserProfile User);
