using System.Text.Json.Nodes;
using Keelson.Engine.Diff;
using Keelson.Engine.Health;
using Keelson.Engine.Lua;
using Keelson.Resources;

namespace Keelson.Engine.Customizations;

/// <summary>
/// argocd-cm's resource overrides put to work: the health a script gives an object, the actions a script offers and
/// what running one changes. Scripts run in <see cref="LuaHost"/>'s sandbox and are read back as Argo CD reads them
/// (AC: util/lua/lua.go). Pure over its inputs apart from the clock scripts may read; objects passed in are not changed.
/// </summary>
public sealed partial class ResourceCustomizations(ResourceOverrides overrides, LuaHost? host = null)
{
    private const string InvalidHealthStatus = "Lua returned an invalid health status";

    private readonly LuaHost _host = host ?? LuaHost.Shared;
    private IReadOnlyList<IgnoreDifference>? _updateRules;

    /// <summary>No overrides: only the built-in rules and actions.</summary>
    public static ResourceCustomizations None { get; } = new(ResourceOverrides.Empty);

    public ResourceOverrides Overrides { get; } = overrides ?? throw new ArgumentNullException(nameof(overrides));

    /// <summary>Reads argocd-cm's data (see <see cref="ResourceOverrides.Parse"/>).</summary>
    public static ResourceCustomizations FromConfigMapData(IReadOnlyDictionary<string, string> data, LuaHost? host = null) =>
        new(ResourceOverrides.Parse(data), host);

    /// <summary>Whether a health script applies to the kind (its own key, or a wildcard).</summary>
    public bool HasHealthScript(string group, string kind) => Overrides.Health(group, kind) is not null;

    /// <summary>
    /// The health a script gives <paramref name="live"/>, or null when no script applies to its kind or the script
    /// returns nothing (nil, or an empty table). A script that fails, is stopped, or returns what is not a health
    /// makes the object Unknown with the reason as the message; this never throws for what a script does.
    /// </summary>
    public HealthResult? Health(JsonObject live)
    {
        ArgumentNullException.ThrowIfNull(live);
        var gvk = live.GetGroupVersionKind();
        if (Overrides.Health(gvk.Group, gvk.Kind) is not { } health) return null;
        try
        {
            return ReadHealth(_host.Run(health.HealthLua, health.UseOpenLibs, live));
        }
        catch (LuaScriptException ex)
        {
            return HealthResult.Of(HealthStatus.Unknown, ex.Message);
        }
    }

    /// <summary>
    /// Whether a change from <paramref name="old"/> to <paramref name="updated"/> is not worth a reconcile: it touches
    /// only what ignoreResourceUpdates leaves out (by default status, resourceVersion, generation, managedFields and
    /// whatever ignoreDifferences leaves out) and the object's health is what it was (AC: controller/cache's
    /// skipResourceUpdate). Always false when argocd-cm sets <c>resource.ignoreResourceUpdatesEnabled: "false"</c>.
    /// </summary>
    public bool IgnoresUpdate(JsonObject old, JsonObject updated)
    {
        ArgumentNullException.ThrowIfNull(old);
        ArgumentNullException.ThrowIfNull(updated);
        if (!Overrides.IgnoreResourceUpdatesEnabled) return false;
        var rules = _updateRules ??= Overrides.IgnoreRules(resourceUpdates: true);
        try
        {
            if (!JsonNode.DeepEquals(ResourceDiff.WithoutIgnored(old, rules), ResourceDiff.WithoutIgnored(updated, rules))) return false;
        }
        catch (DiffException)
        {
            return false;
        }
        return HealthRules.Assess(old, this) == HealthRules.Assess(updated, this);
    }

    private static HealthResult? ReadHealth(JsonNode? result)
    {
        switch (result)
        {
            case null:
            case JsonArray { Count: 0 }:
                return null;
            case JsonObject table:
                if (table["message"] is { } message && !(message is JsonValue m && m.TryGetValue<string>(out _)))
                    throw new LuaScriptException($"health message must be a string, not {Describe(message)}");
                var status = table["status"] is JsonValue s && s.TryGetValue<string>(out var text) ? Status(text) : null;
                return status is null
                    ? HealthResult.Of(HealthStatus.Unknown, InvalidHealthStatus)
                    : HealthResult.Of(status.Value, table.GetString("message"));
            default:
                throw new LuaScriptException($"expect table output from Lua script, not {Describe(result)}");
        }
    }

    // Argo CD's health codes, exactly as spelled.
    private static HealthStatus? Status(string text) => text switch
    {
        "Healthy" => HealthStatus.Healthy,
        "Progressing" => HealthStatus.Progressing,
        "Degraded" => HealthStatus.Degraded,
        "Suspended" => HealthStatus.Suspended,
        "Missing" => HealthStatus.Missing,
        "Unknown" => HealthStatus.Unknown,
        _ => null,
    };

    // The Lua type a returned value had, as Argo CD's messages name it.
    private static string Describe(JsonNode? value) => value switch
    {
        null => "nil",
        JsonObject or JsonArray => "table",
        _ => value.GetValueKind() switch
        {
            System.Text.Json.JsonValueKind.String => "string",
            System.Text.Json.JsonValueKind.Number => "number",
            _ => "boolean",
        },
    };
}
