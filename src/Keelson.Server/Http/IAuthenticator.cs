using Keelson.Server.Rbac;
using Microsoft.AspNetCore.Http;

namespace Keelson.Server.Http;

/// <summary>Who is calling: the verified token's claims, or why there are none (a 401 with that message).</summary>
public interface IAuthenticator
{
    /// <summary>Reads and verifies the request's token (bearer header or cookie); may set a renewed cookie on the response.</summary>
    Task<AuthenticationOutcome> AuthenticateAsync(HttpContext context);
}
