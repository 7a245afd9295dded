using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Keelson.Server.Http;

/// <summary>
/// Errors in the shape Argo CD's gRPC gateway writes them — <c>{"error":…,"code":…,"message":…}</c>, the code being the
/// gRPC status code — with the HTTP status the gateway maps that code to.
/// </summary>
public static class ArgoError
{
    /// <summary>Writes the error and sets the status; nothing may have been written before.</summary>
    public static Task WriteAsync(HttpContext context, GrpcCode code, string message)
    {
        context.Response.StatusCode = HttpStatus(code);
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(Body(code, message).ToJsonString(), context.RequestAborted);
    }

    /// <summary>The error as a minimal-API result.</summary>
    public static IResult Result(GrpcCode code, string message) => Result(code, message, HttpStatus(code));

    /// <summary>The error with an HTTP status other than the gateway's for its code (a 413 for a body over the limit, which the gateway answers with a 429).</summary>
    public static IResult Result(GrpcCode code, string message, int httpStatus) =>
        Results.Content(Body(code, message).ToJsonString(), "application/json", statusCode: httpStatus);

    /// <summary>An auth refusal with its own gRPC code and message.</summary>
    public static IResult From(Auth.AuthError error) => Result((GrpcCode)(int)error.Code, error.Message);

    public static IResult NotFound(string message) => Result(GrpcCode.NotFound, message);

    public static IResult InvalidArgument(string message) => Result(GrpcCode.InvalidArgument, message);

    public static IResult PermissionDenied(string message = "permission denied") => Result(GrpcCode.PermissionDenied, message);

    public static JsonObject Body(GrpcCode code, string message) => new()
    {
        ["error"] = message,
        ["code"] = (int)code,
        ["message"] = message,
    };

    /// <summary>grpc-gateway v1's mapping of gRPC codes to HTTP statuses.</summary>
    public static int HttpStatus(GrpcCode code) => code switch
    {
        GrpcCode.Ok => 200,
        GrpcCode.Canceled => 499,
        GrpcCode.InvalidArgument or GrpcCode.FailedPrecondition or GrpcCode.OutOfRange => 400,
        GrpcCode.DeadlineExceeded => 504,
        GrpcCode.NotFound => 404,
        GrpcCode.AlreadyExists or GrpcCode.Aborted => 409,
        GrpcCode.PermissionDenied => 403,
        GrpcCode.Unauthenticated => 401,
        GrpcCode.ResourceExhausted => 429,
        GrpcCode.Unimplemented => 501,
        GrpcCode.Unavailable => 503,
        _ => 500,
    };
}
