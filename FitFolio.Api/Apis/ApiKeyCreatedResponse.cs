using FitFolio.Grains.ApiKeys;

namespace FitFolio.Api.Apis;

/// <summary>Answer of <c>POST /account/api-keys</c>: <c>secret</c> is the whole token, shown this once and never again.</summary>
public sealed record ApiKeyCreatedResponse(ApiKeyView Key, string Secret);
