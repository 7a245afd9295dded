using System.Text.Json.Nodes;
using Keelson.Engine.Customizations;
using Keelson.Engine.Health;
using Keelson.Engine.Kube;
using Keelson.Engine.Live;
using Keelson.Engine.Model;
using Keelson.Engine.Reconcile;
using Keelson.Resources;

namespace Keelson.Engine.Sync;

/// <summary>
/// Runs a sync of compared resources against a cluster: a dry run of everything first (so a manifest the server
/// rejects stops the sync before anything changes), then phase by phase (PreSync, Sync, PostSync; SyncFail after a
/// failure) and wave by wave (lowest first, kinds in Argo CD's order), waiting for each wave to become healthy
/// before the next, pruning last. Returns what happened to each object.
/// </summary>
public sealed partial class SyncRunner(KubeClient client, LiveStateCache live, EngineOptions options, ResourceCustomizations? customizations = null)
{
    /// <summary>
    /// Runs the sync. Cancelling <paramref name="terminate"/> stops it where it is, as Argo CD's terminate does: the
    /// hooks still running are deleted, nothing further is applied, and the outcome is <see cref="SyncOutcome.Terminated"/>.
    /// What was applied before stays applied.
    /// </summary>
    public async Task<SyncOutcome> RunAsync(string app, IReadOnlyList<ManagedResource> resources, SyncRequest request, CancellationToken cancellationToken,
        CancellationToken terminate = default)
    {
        var changes = new ChangeSet();
        // Hooks created and not yet finished: what a terminate deletes.
        var runningHooks = new List<(ManagedResource Resource, ApiResource Type, string? Namespace, string Name, SyncPhase Phase)>();
        var selective = request.Only is not null;
        var applies = resources.Where(r => !r.IsHook && r.Desired is not null && (request.Only?.Contains(r.Id) ?? true)).ToList();
        if (request.Options.IsTrue("ApplyOutOfSyncOnly")) applies = applies.Where(r => r.Modified || r.Live is null).ToList();
        var prunes = resources.Where(r => r.RequiresPruning && (request.Only?.Contains(r.Id) ?? true)).ToList();
        var hooks = selective ? [] : resources.Where(r => r.IsHook).ToList();

        // Dry run of every object to be written: nothing is applied if the server refuses any of them.
        var refused = await DryRunAsync(applies.Concat(hooks), NamespacesCreated(applies, request.Options, request.DestinationNamespace), cancellationToken);
        if (refused.Count > 0)
        {
            foreach (var (r, message) in refused) changes.Add(Entry(r, SyncAction.Failed, message));
            return new SyncOutcome(changes, false, $"one or more objects failed to apply (dry run): {string.Join("; ", refused.Select(p => $"{p.Resource.Id}: {p.Message}"))}");
        }
        if (request.DryRun)
        {
            foreach (var r in applies) changes.Add(Entry(r, r.Modified || r.Live is null ? SyncAction.Configured : SyncAction.Unchanged, $"{Describe(r)} {(r.Live is null ? "created" : r.Modified ? "configured" : "unchanged")} (dry run)"));
            foreach (var r in prunes) changes.Add(Entry(r, request.Prune ? SyncAction.Pruned : SyncAction.PruneSkipped, request.Prune ? "pruned (dry run)" : "ignored (requires pruning)"));
            return new SyncOutcome(changes, true, "successfully synced (dry run)");
        }

        if (request.Options.IsTrue("CreateNamespace")) await EnsureNamespaceAsync(request, cancellationToken);

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, terminate);
        var running = linked.Token;
        try
        {
            var failed = false;
            string? failure = null;
            foreach (var phase in new[] { SyncPhase.PreSync, SyncPhase.Sync, SyncPhase.PostSync })
            {
                var phaseHooks = hooks.Where(h => h.HookPhase == phase).ToList();
                var phaseApplies = phase == SyncPhase.Sync ? applies : [];
                var waves = phaseHooks.Concat(phaseApplies).GroupBy(r => r.Wave).OrderBy(g => g.Key).ToList();
                for (var w = 0; w < waves.Count && !failed; w++)
                {
                    var ordered = waves[w].OrderBy(r => KindOrder.Of(r.Id.Kind)).ThenBy(r => r.Id.Name, StringComparer.Ordinal).ToList();
                    foreach (var r in ordered)
                    {
                        var (ok, message) = r.IsHook ? await RunHookAsync(r, phase, running) : await ApplyAsync(r, running);
                        if (!ok)
                        {
                            failed = true;
                            failure = message;
                        }
                        if (failed) break;
                    }
                    var later = w < waves.Count - 1 || phase != SyncPhase.PostSync && hooks.Any(h => h.HookPhase > phase && h.HookPhase != SyncPhase.SyncFail);
                    if (!failed && later)
                    {
                        var unhealthy = await WaitHealthyAsync(ordered.Where(r => !r.IsHook).ToList(), running);
                        if (unhealthy is not null)
                        {
                            failed = true;
                            failure = unhealthy;
                        }
                        else if (w < waves.Count - 1 && options.WaveDelay > TimeSpan.Zero)
                        {
                            await Task.Delay(options.WaveDelay, options.Time, running);
                        }
                    }
                }
                if (failed) break;
                if (phase == SyncPhase.Sync)
                {
                    foreach (var r in prunes.OrderByDescending(r => r.Wave)) await PruneAsync(r, request, running);
                }
            }
            if (failed)
            {
                foreach (var r in hooks.Where(h => h.HookPhase == SyncPhase.SyncFail)) await RunHookAsync(r, SyncPhase.SyncFail, running);
                return new SyncOutcome(changes, false, failure ?? "sync failed");
            }
            return new SyncOutcome(changes, true, "successfully synced (all tasks run)");
        }
        catch (OperationCanceledException) when (terminate.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            foreach (var (r, type, ns, name, phase) in runningHooks)
            {
                await client.DeleteAsync(type, ns, name, "Background", cancellationToken: cancellationToken);
                changes.Add(new ChangeSetEntry(r.Id with { Name = name }, r.Version, SyncAction.HookFailed, "Terminated", phase, r.Wave, r.HookType));
            }
            return new SyncOutcome(changes, false, "Operation terminated", Terminated: true);
        }

        ChangeSetEntry Entry(ManagedResource r, SyncAction action, string message) =>
            new(r.Id, r.Version, action, message, r.HookPhase ?? SyncPhase.Sync, r.Wave, r.HookType);

        async Task<(bool, string)> ApplyAsync(ManagedResource r, CancellationToken ct)
        {
            try
            {
                if (r.Type is null) r.Type = await ResolvePendingTypeAsync(r, ct);
                var desired = r.Desired!;
                JsonObject result;
                if (r.Options.IsTrue("Replace") || request.Options.IsTrue("Replace"))
                {
                    if (r.Live is null)
                    {
                        result = await client.CreateAsync(r.Type, desired, ArgoAnnotations.FieldManager, cancellationToken: ct);
                    }
                    else
                    {
                        var body = (JsonObject)desired.DeepClone();
                        body.SetResourceVersion(r.Live.GetResourceVersion());
                        result = await client.ReplaceAsync(r.Type, body, ArgoAnnotations.FieldManager, cancellationToken: ct);
                    }
                }
                else
                {
                    result = await client.ApplyAsync(r.Type, desired, ArgoAnnotations.FieldManager, force: true, cancellationToken: ct);
                }
                live.Observe(r.Type, result);
                var verb = r.Live is null ? "created" : r.Modified ? "configured" : "unchanged";
                var action = r.Live is null ? SyncAction.Created : r.Modified ? SyncAction.Configured : SyncAction.Unchanged;
                r.Live = result;
                if (r.Id.Kind == "CustomResourceDefinition") client.InvalidateDiscovery();
                changes.Add(Entry(r, action, $"{Describe(r)} {verb}"));
                return (true, "");
            }
            catch (KubeApiException ex)
            {
                var message = $"{r.Id}: {ex.Reason}: {ex.Message}";
                changes.Add(Entry(r, SyncAction.Failed, message));
                return (false, message);
            }
        }

        async Task PruneAsync(ManagedResource r, SyncRequest req, CancellationToken ct)
        {
            if (!req.Prune)
            {
                changes.Add(Entry(r, SyncAction.PruneSkipped, "ignored (requires pruning)"));
                return;
            }
            var liveOptions = SyncOptionSet.FromAnnotation(r.Live?.GetAnnotations().GetValueOrDefault(ArgoAnnotations.SyncOptions));
            if (liveOptions.Is("Prune", "false"))
            {
                changes.Add(Entry(r, SyncAction.PruneSkipped, "ignored (no prune)"));
                return;
            }
            var propagation = req.Options["PrunePropagationPolicy"] switch
            {
                { } p when p.Equals("orphan", StringComparison.OrdinalIgnoreCase) => "Orphan",
                { } p when p.Equals("background", StringComparison.OrdinalIgnoreCase) => "Background",
                { } p when p.Equals("foreground", StringComparison.OrdinalIgnoreCase) => "Foreground",
                _ => "Background",
            };
            try
            {
                await client.DeleteAsync(r.Type!, r.Id.Namespace.Length == 0 ? null : r.Id.Namespace, r.Id.Name, propagation, cancellationToken: ct);
                live.Forget(r.Type!, r.Id);
                changes.Add(Entry(r, SyncAction.Pruned, "pruned"));
            }
            catch (KubeApiException ex)
            {
                changes.Add(Entry(r, SyncAction.Failed, $"{r.Id}: prune failed: {ex.Message}"));
            }
        }

        async Task<(bool, string)> RunHookAsync(ManagedResource r, SyncPhase phase, CancellationToken ct)
        {
            var hook = r.Desired!;
            var policies = (hook.GetAnnotations().GetValueOrDefault(ArgoAnnotations.HookDeletePolicy) ?? "BeforeHookCreation")
                .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
            try
            {
                var type = r.Type ?? await ResolvePendingTypeAsync(r, ct);
                var ns = type.Namespaced ? hook.GetNamespace() : null;
                JsonObject created;
                if (hook.GetName() is { Length: > 0 } name)
                {
                    // BeforeHookCreation (the default): the previous run's object is replaced by a fresh one.
                    if (await client.GetAsync(type, ns, name, ct) is not null)
                    {
                        await client.DeleteAsync(type, ns, name, "Background", cancellationToken: ct);
                        await WaitGoneAsync(type, ns, name, ct);
                    }
                }
                created = await client.CreateAsync(type, hook, ArgoAnnotations.FieldManager, cancellationToken: ct);
                var createdName = created.GetName()!;
                var entry = (r, type, ns, createdName, phase);
                lock (runningHooks) runningHooks.Add(entry);
                ChangeSetEntry HookEntry(SyncAction action, string message) => new(r.Id with { Name = createdName }, r.Version, action, message, phase, r.Wave, r.HookType);
                var deadline = options.Time.GetUtcNow() + options.WaveTimeout;
                while (true)
                {
                    var current = await client.GetAsync(type, ns, createdName, ct);
                    var health = current is null ? null : HealthRules.Assess(current, customizations);
                    var finished = current is null || health?.Status is HealthStatus.Healthy or HealthStatus.Degraded || options.Time.GetUtcNow() > deadline;
                    if (finished) lock (runningHooks) runningHooks.Remove(entry);
                    if (current is null || health?.Status is HealthStatus.Healthy)
                    {
                        changes.Add(HookEntry(SyncAction.HookSucceeded, health?.Message ?? "hook completed"));
                        if (policies.Contains("HookSucceeded")) await client.DeleteAsync(type, ns, createdName, "Background", cancellationToken: ct);
                        return (true, "");
                    }
                    if (health?.Status is HealthStatus.Degraded)
                    {
                        var message = $"{r.Id.Kind}/{createdName} ({phase} hook) failed: {health.Message}";
                        changes.Add(HookEntry(SyncAction.HookFailed, message));
                        if (policies.Contains("HookFailed")) await client.DeleteAsync(type, ns, createdName, "Background", cancellationToken: ct);
                        return (false, message);
                    }
                    if (options.Time.GetUtcNow() > deadline)
                    {
                        var message = $"{r.Id.Kind}/{createdName} ({phase} hook) did not complete within {options.WaveTimeout.TotalSeconds:0} s";
                        changes.Add(HookEntry(SyncAction.HookFailed, message));
                        return (false, message);
                    }
                    await Task.Delay(options.HealthPollInterval, options.Time, ct);
                }
            }
            catch (KubeApiException ex)
            {
                var message = $"{r.Id} ({phase} hook): {ex.Reason}: {ex.Message}";
                changes.Add(Entry(r, SyncAction.HookFailed, message));
                return (false, message);
            }
        }
    }

    /// <summary>The namespaces a sync of <paramref name="resources"/> creates: its Namespace objects, and the destination's with CreateNamespace.</summary>
    internal static HashSet<string> NamespacesCreated(IEnumerable<ManagedResource> resources, SyncOptionSet options, string destinationNamespace)
    {
        var created = resources.Where(r => r.Id.Kind == "Namespace" && r.Id.Group.Length == 0).Select(r => r.Id.Name).ToHashSet(StringComparer.Ordinal);
        if (options.IsTrue("CreateNamespace") && destinationNamespace.Length > 0) created.Add(destinationNamespace);
        return created;
    }

    private async Task<List<(ManagedResource Resource, string Message)>> DryRunAsync(IEnumerable<ManagedResource> resources, IReadOnlySet<string> createdNamespaces, CancellationToken cancellationToken)
    {
        var refused = new List<(ManagedResource, string)>();
        foreach (var r in resources)
        {
            // Compared objects were dry-run by the comparison; a type not served yet (its CRD comes in this sync) cannot be.
            if (r.Type is null || r.SkipDryRun || (r.Predicted is not null && !r.IsHook)) continue;
            try
            {
                if (r.IsHook && r.Desired!.GetName() is not { Length: > 0 })
                    await client.CreateAsync(r.Type, r.Desired!, ArgoAnnotations.FieldManager, dryRun: true, cancellationToken: cancellationToken);
                else
                    await client.ApplyAsync(r.Type, r.Desired!, ArgoAnnotations.FieldManager, force: true, dryRun: true, cancellationToken: cancellationToken);
            }
            catch (KubeApiException ex) when (ex.IsNotFound && createdNamespaces.Contains(r.Id.Namespace))
            {
                // Its namespace is created by this sync: it can only be checked once that exists.
            }
            catch (KubeApiException ex)
            {
                refused.Add((r, $"{ex.Reason}: {ex.Message}"));
            }
        }
        return refused;
    }

    private async Task<ApiResource> ResolvePendingTypeAsync(ManagedResource r, CancellationToken cancellationToken)
    {
        var apiVersion = r.Desired!.GetApiVersion()!;
        var deadline = options.Time.GetUtcNow() + TimeSpan.FromSeconds(30);
        while (true)
        {
            client.InvalidateDiscovery();
            if (await client.FindAsync(apiVersion, r.Id.Kind, cancellationToken) is { } type) return type;
            if (options.Time.GetUtcNow() > deadline)
                throw new KubeApiException(System.Net.HttpStatusCode.NotFound, "NotFound", $"the server does not serve {r.Id.Kind} in {apiVersion}");
            await Task.Delay(options.HealthPollInterval, options.Time, cancellationToken);
        }
    }

    private async Task WaitGoneAsync(ApiResource type, string? ns, string name, CancellationToken cancellationToken)
    {
        var deadline = options.Time.GetUtcNow() + options.WaveTimeout;
        while (await client.GetAsync(type, ns, name, cancellationToken) is not null && options.Time.GetUtcNow() < deadline)
            await Task.Delay(options.HealthPollInterval, options.Time, cancellationToken);
    }

    /// <summary>Waits until none of the objects is Progressing or Missing; the message of the first that stays so, or null.</summary>
    private async Task<string?> WaitHealthyAsync(IReadOnlyList<ManagedResource> resources, CancellationToken cancellationToken)
    {
        var deadline = options.Time.GetUtcNow() + options.WaveTimeout;
        while (true)
        {
            string? waiting = null;
            foreach (var r in resources)
            {
                if (r.Type is null) continue;
                var current = await client.GetAsync(r.Type, r.Type.Namespaced ? r.Id.Namespace : null, r.Id.Name, cancellationToken);
                var health = current is null ? new HealthResult(HealthStatus.Missing) : HealthRules.Assess(current, customizations);
                if (health?.Status is HealthStatus.Progressing or HealthStatus.Missing)
                {
                    waiting = $"{r.Id}: {health.Status}{(health.Message is { } m ? ": " + m : "")}";
                    break;
                }
            }
            if (waiting is null) return null;
            if (options.Time.GetUtcNow() > deadline) return $"timed out waiting for the wave to become healthy: {waiting}";
            await Task.Delay(options.HealthPollInterval, options.Time, cancellationToken);
        }
    }

    private async Task EnsureNamespaceAsync(SyncRequest request, CancellationToken cancellationToken)
    {
        var nsType = (await client.FindAsync("v1", "Namespace", cancellationToken))!;
        var ns = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = request.DestinationNamespace } };
        if (request.NamespaceMetadata is { } meta)
        {
            foreach (var (k, v) in meta.Labels) ns.SetLabel(k, v);
            foreach (var (k, v) in meta.Annotations) ns.SetAnnotation(k, v);
        }
        else if (await client.GetAsync(nsType, null, request.DestinationNamespace, cancellationToken) is not null)
        {
            return;
        }
        await client.ApplyAsync(nsType, ns, ArgoAnnotations.FieldManager, force: true, cancellationToken: cancellationToken);
    }

    private static string Describe(ManagedResource r) =>
        r.Id.Group.Length == 0 ? $"{r.Id.Kind.ToLowerInvariant()}/{r.Id.Name}" : $"{r.Id.Kind.ToLowerInvariant()}.{r.Id.Group}/{r.Id.Name}";
}

/// <summary>A sync's result: the change set, whether it succeeded, and a message for operationState; <see cref="Terminated"/> when it was stopped.</summary>
public sealed record SyncOutcome(ChangeSet Changes, bool Succeeded, string Message, bool Terminated = false);
