namespace Keelson.Server.Auth;

/// <summary>The wire names of <see cref="AccountCapability"/> (<c>login</c>, <c>apiKey</c>), as tokens' subjects and <c>argocd-cm</c> spell them.</summary>
public static class AccountCapabilities
{
    public static string Name(this AccountCapability capability) => capability switch
    {
        AccountCapability.Login => "login",
        AccountCapability.ApiKey => "apiKey",
        _ => throw new ArgumentOutOfRangeException(nameof(capability), capability, null),
    };

    public static AccountCapability? Parse(string name) => name switch
    {
        "login" => AccountCapability.Login,
        "apiKey" => AccountCapability.ApiKey,
        _ => null,
    };
}
