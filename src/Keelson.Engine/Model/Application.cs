using System.Text.Json;
using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Engine.Model;

/// <summary>
/// An Application as read from the control cluster: the raw object (kept so that writes preserve what Keelson does
/// not model) and its typed spec, operation and status. A spec that does not fit the schema is kept as
/// <see cref="SpecError"/> rather than thrown, so the controller can report it as an InvalidSpecError.
/// </summary>
public sealed class Application
{
    private Application(JsonObject raw, ApplicationSpec spec, Operation? operation, ApplicationStatus status, string? specError)
    {
        Raw = raw;
        Spec = spec;
        Operation = operation;
        Status = status;
        SpecError = specError;
    }

    public JsonObject Raw { get; }

    public string Name => Raw.GetName() ?? "";

    public string Namespace => Raw.GetNamespace() ?? "";

    public ApplicationSpec Spec { get; }

    public Operation? Operation { get; }

    public ApplicationStatus Status { get; }

    public string? SpecError { get; }

    public bool IsDeleting => Raw.GetMetadata()?["deletionTimestamp"] is not null;

    public IReadOnlyList<string> Finalizers =>
        (Raw.GetMetadata()?["finalizers"] as JsonArray ?? []).Select(f => f?.GetValue<string>() ?? "").ToList();

    /// <summary>The single source (<c>source</c>, or the first of <c>sources</c>).</summary>
    public ApplicationSource? PrimarySource => Spec.Source ?? Spec.Sources?.FirstOrDefault();

    public bool IsAutomated => Spec.SyncPolicy?.Automated is { } a && a.Enabled != false;

    public static Application Parse(JsonObject raw)
    {
        ApplicationSpec spec;
        string? error = null;
        try
        {
            spec = ArgoJson.Read<ApplicationSpec>(raw["spec"]) ?? new ApplicationSpec();
        }
        catch (JsonException ex)
        {
            spec = new ApplicationSpec();
            error = $"spec{(ex.Path is { Length: > 1 } p ? p.TrimStart('$') : "")}: {Reason(ex)}";
        }
        Operation? operation = null;
        try
        {
            operation = ArgoJson.Read<Operation>(raw["operation"]);
        }
        catch (JsonException ex)
        {
            error ??= $"operation{(ex.Path is { Length: > 1 } p ? p.TrimStart('$') : "")}: {Reason(ex)}";
        }
        ApplicationStatus status;
        try
        {
            status = ArgoJson.Read<ApplicationStatus>(raw["status"]) ?? new ApplicationStatus();
        }
        catch (JsonException)
        {
            // A status Keelson cannot read is rewritten from scratch.
            status = new ApplicationStatus();
        }
        return new Application(raw, spec, operation, status, error);
    }

    private static string Reason(JsonException ex)
    {
        var message = ex.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
