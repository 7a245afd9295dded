namespace Keelson.Server.Auth;

/// <summary>
/// A refused authentication step: why (<see cref="Failure"/>), the gRPC status it maps to, and the message Argo CD
/// answers with, which the HTTP layer returns as it is. No message ever contains a password.
/// </summary>
public sealed record AuthError(AuthFailure Failure, AuthErrorCode Code, string Message)
{
    /// <summary>The HTTP status grpc-gateway gives the code.</summary>
    public int HttpStatus => Code switch
    {
        AuthErrorCode.InvalidArgument or AuthErrorCode.FailedPrecondition => 400,
        AuthErrorCode.Unauthenticated => 401,
        AuthErrorCode.NotFound => 404,
        AuthErrorCode.AlreadyExists => 409,
        _ => 500,
    };

    internal static AuthError Unauthenticated(AuthFailure failure, string message) => new(failure, AuthErrorCode.Unauthenticated, message);

    /// <summary>A token refused: Argo CD's server prefixes the reason with <c>invalid session: </c>.</summary>
    internal static AuthError InvalidSession(AuthFailure failure, string reason) => new(failure, AuthErrorCode.Unauthenticated, AuthMessages.InvalidSession(reason));

    public override string ToString() => $"{Failure} ({Code}): {Message}";
}
