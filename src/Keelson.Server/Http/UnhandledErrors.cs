using Keelson.Engine.Kube;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Keelson.Server.Http;

/// <summary>
/// The last line under every endpoint: a fault the endpoint did not turn into an answer is still answered in Argo's
/// error shape — the cluster being unreachable as 503, the cluster refusing as its own 4xx, anything else as 500
/// naming the request (the exception is logged, never sent: it may quote what the request carried).
/// </summary>
public sealed partial class UnhandledErrors(RequestDelegate next, ILogger<UnhandledErrors> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is no one to answer.
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            var (code, message) = ex switch
            {
                BadHttpRequestException bad => (bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? GrpcCode.ResourceExhausted : GrpcCode.InvalidArgument, bad.Message),
                KubeApiException { Code: System.Net.HttpStatusCode.NotFound } kube => (GrpcCode.NotFound, kube.Message),
                KubeApiException { Code: System.Net.HttpStatusCode.Conflict } kube => (GrpcCode.Aborted, kube.Message),
                KubeApiException { Code: System.Net.HttpStatusCode.Forbidden } kube => (GrpcCode.PermissionDenied, kube.Message),
                KubeApiException kube when (int)kube.Code is 400 or 422 => (GrpcCode.InvalidArgument, kube.Message),
                HttpRequestException => (GrpcCode.Unavailable, "the control cluster cannot be reached; try again once it is up"),
                _ => (GrpcCode.Internal, $"{context.Request.Method} {context.Request.Path} failed inside the server; its log says why"),
            };
            if (code is GrpcCode.Internal or GrpcCode.Unavailable) Failed(logger, context.Request.Method, context.Request.Path, ex);
            context.Response.Clear();
            var status = ex is BadHttpRequestException badRequest ? badRequest.StatusCode : ArgoError.HttpStatus(code);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(ArgoError.Body(code, message).ToJsonString(), CancellationToken.None);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed")]
    private static partial void Failed(ILogger logger, string method, string path, Exception exception);
}
