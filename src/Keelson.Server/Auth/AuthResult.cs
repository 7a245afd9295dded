using System.Diagnostics.CodeAnalysis;

namespace Keelson.Server.Auth;

/// <summary>The outcome of an authentication step: a value, or the <see cref="AuthError"/> that refused it.</summary>
public sealed record AuthResult<T>
{
    private AuthResult(T? value, AuthError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public AuthError? Error { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    public static AuthResult<T> Success(T value) => new(value, null);

    public static AuthResult<T> Failed(AuthError error) => new(default, error);

    public static implicit operator AuthResult<T>(AuthError error) => Failed(error);
}
