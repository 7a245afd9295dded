namespace Keelson.Server.Auth;

/// <summary>The gRPC status of an auth failure, valued as gRPC numbers it (Argo CD's error body carries the number as <c>code</c>).</summary>
public enum AuthErrorCode
{
    InvalidArgument = 3,
    NotFound = 5,
    AlreadyExists = 6,
    FailedPrecondition = 9,
    Internal = 13,
    Unauthenticated = 16,
}
