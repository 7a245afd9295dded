using System.Text.Json.Nodes;
using Keelson.Server.Webhooks;

namespace Keelson.Server.Tests.Webhooks;

/// <summary>Every delivery under testdata/webhooks/ (see <see cref="WebhookCase"/>), signed, unsigned and forged.</summary>
public sealed class WebhookFixtureTests
{
    public static TheoryData<string> Cases() => new(WebhookCase.Names());

    public static TheoryData<string> SignedCases() => new(WebhookCase.Names().Where(n => !WebhookCase.Load(n).Unsigned));

    public static TheoryData<string> BodySignedCases() => new(WebhookCase.Names().Where(n => WebhookCase.Load(n) is { Unsigned: false, BodyIsSigned: true }));

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_signed_delivery_refreshes_exactly_the_listed_applications(string name)
    {
        var c = WebhookCase.Load(name);
        var outcome = new WebhookHandler(c.Settings(c.Secret)).Handle(c.Headers(c.Secret), c.Body);

        var decisions = Decisions(c, outcome);
        var refreshed = decisions.Where(d => d.Refresh).Select(d => d.Name).ToList();
        Assert.True(refreshed.Order(StringComparer.Ordinal).SequenceEqual(c.Refresh.Order(StringComparer.Ordinal)),
            $"{name}: expected [{string.Join(", ", c.Refresh)}] refreshed, got [{string.Join(", ", refreshed)}]\n{string.Join("\n", decisions)}");
        foreach (var (app, verdict) in c.Spec["verdicts"]?.AsObject() ?? [])
        {
            var decision = decisions.Single(d => d.Name == app);
            Assert.True(decision.Verdict.ToString() == (string)verdict!, $"{name}: expected {app} {verdict}, got {decision}");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_signed_delivery_is_read_as_written(string name)
    {
        var c = WebhookCase.Load(name);
        var outcome = new WebhookHandler(c.Settings(c.Secret)).Handle(c.Headers(c.Secret), c.Body);

        Assert.Equal(200, outcome.StatusCode);
        Assert.Equal("", outcome.Message);
        if (c.Outcome == "ignored")
        {
            var ignored = Assert.IsType<WebhookIgnored>(outcome);
            Assert.Equal(c.Provider, ignored.Provider);
            return;
        }
        var push = Assert.IsType<WebhookAccepted>(outcome, exactMatch: true).Push;
        Assert.Equal(c.Provider, push.Provider);
        var expected = c.Spec["push"]!.AsObject();
        foreach (var (field, value) in expected)
        {
            object? actual = field switch
            {
                "ref" => push.Ref,
                "revision" => push.Revision,
                "isTag" => push.IsTag,
                "touchedDefaultBranch" => push.TouchedDefaultBranch,
                "before" => push.Before,
                "after" => push.After,
                "repoWebUrls" => string.Join(" ", push.RepoWebUrls),
                "changedFiles" => string.Join(" ", push.ChangedFiles),
                _ => throw new InvalidOperationException($"{name}: unknown push field '{field}'"),
            };
            var want = value switch
            {
                JsonArray items => string.Join(" ", items.Select(i => (string)i!)),
                JsonValue v when v.TryGetValue<bool>(out var b) => (object)b,
                _ => (string)value!,
            };
            Assert.True(Equals(want, actual), $"{name}: push.{field} should be '{want}', is '{actual}'");
        }
    }

    [Theory]
    [MemberData(nameof(SignedCases))]
    public void A_delivery_signed_with_another_secret_is_refused_and_refreshes_nothing(string name)
    {
        var c = WebhookCase.Load(name);
        var wrong = c.Provider == WebhookProvider.AzureDevOps ? "argocd:not-the-password" : c.Secret + "-rotated";
        var outcome = new WebhookHandler(c.Settings(c.Secret)).Handle(c.Headers(wrong), c.Body);

        var refused = AssertRefused(name, outcome);
        Assert.Equal(WebhookRefusalReason.SignatureMismatch, refused.Reason);
        Assert.Empty(Decisions(c, outcome));
    }

    [Theory]
    [MemberData(nameof(SignedCases))]
    public void A_delivery_without_its_signature_header_is_refused_when_a_secret_is_set(string name)
    {
        var c = WebhookCase.Load(name);
        var headers = c.Headers(c.Secret);
        foreach (var header in c.SignatureHeaders) headers.Remove(header);
        var outcome = new WebhookHandler(c.Settings(c.Secret)).Handle(headers, c.Body);

        var refused = AssertRefused(name, outcome);
        // Without X-Hook-UUID a Bitbucket Cloud delivery reads as Bitbucket Server's, whose events do not include repo:push.
        Assert.Equal(c.Provider == WebhookProvider.Bitbucket ? WebhookRefusalReason.UnsupportedEvent : WebhookRefusalReason.MissingSignature, refused.Reason);
        Assert.Empty(Decisions(c, outcome));
    }

    [Theory]
    [MemberData(nameof(BodySignedCases))]
    public void A_body_changed_after_signing_is_refused(string name)
    {
        var c = WebhookCase.Load(name);
        var headers = c.Headers(c.Secret);
        var tampered = (byte[])c.Body.Clone();
        // Point the push elsewhere: the same length, still valid JSON.
        var text = System.Text.Encoding.UTF8.GetString(tampered);
        var at = text.IndexOf("keelson", StringComparison.Ordinal);
        Assert.True(at >= 0, $"{name}: the payload never says 'keelson'");
        tampered[at] = (byte)'K';
        var outcome = new WebhookHandler(c.Settings(c.Secret)).Handle(headers, tampered);

        Assert.Equal(WebhookRefusalReason.SignatureMismatch, AssertRefused(name, outcome).Reason);
        Assert.Empty(Decisions(c, outcome));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Without_a_secret_an_unsigned_delivery_is_accepted_as_Argo_CD_does(string name)
    {
        var c = WebhookCase.Load(name);
        var outcome = new WebhookHandler(WebhookSettings.Default).Handle(c.Headers(null), c.Body);

        Assert.Equal(200, outcome.StatusCode);
        var refreshed = Decisions(c, outcome).Where(d => d.Refresh).Select(d => d.Name).Order(StringComparer.Ordinal);
        Assert.Equal(c.Refresh.Order(StringComparer.Ordinal), refreshed);
    }

    /// <summary>The matcher's decisions for an accepted push; none for anything else.</summary>
    private static List<AppRefreshDecision> Decisions(WebhookCase c, WebhookOutcome outcome) =>
        outcome is WebhookAccepted accepted ? [.. WebhookMatcher.Match(accepted.Push, WebhookCase.Applications)] : [];

    private static WebhookRefused AssertRefused(string name, WebhookOutcome outcome)
    {
        var refused = Assert.IsType<WebhookRefused>(outcome);
        Assert.True(refused.StatusCode == 400 && refused.Message == WebhookRefused.ProcessingFailedText, $"{name}: {refused.StatusCode} '{refused.Message}' ({refused.Detail})");
        return refused;
    }
}
