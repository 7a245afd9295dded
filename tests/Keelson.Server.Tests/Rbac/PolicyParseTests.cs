using Keelson.Server.Rbac;

namespace Keelson.Server.Tests.Rbac;

/// <summary>Reading argocd-rbac-cm: the CSV grammar, the keys it is spread over, and what refuses a policy.</summary>
public sealed class PolicyParseTests
{
    private static Dictionary<string, string> Data(params (string Key, string Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

    [Fact]
    public void A_line_with_five_fields_refuses_the_whole_policy_naming_key_and_line()
    {
        var result = RbacPolicy.Parse(Data(("policy.csv", """
            # comment
            p, alice, applications, get, default/*, allow

            p, bob, applications, get, default/*
            g, carol, role:admin
            """)));
        Assert.False(result.IsValid);
        Assert.Null(result.Policy);
        Assert.Equal("policy.csv line 4: a 'p' line has 6 fields, found 5", result.ErrorMessage);
    }

    [Fact]
    public void Every_bad_line_of_every_key_is_reported_at_once()
    {
        var result = RbacPolicy.Parse(Data(
            ("policy.csv", "p, a, applications, get, */*, allow, extra\ng, a\n"),
            ("policy.team.csv", "x, a, b\np, a, applications, get, */*, permit\np, \"a, b, c\n"),
            ("scopes", "{groups: x}")));
        Assert.Equal(
            [
                "policy.csv line 1: a 'p' line has 6 fields, found 7",
                "policy.csv line 2: a 'g' line has 3 fields, found 2",
                "policy.team.csv line 1: a line starts with p or g, found 'x'",
                "policy.team.csv line 2: a 'p' line ends with allow or deny, found 'permit'",
                "policy.team.csv line 3: the quoted field at column 4 is not closed",
                "scopes: expected a list of claim names such as [groups, email], found '{groups: x}'",
            ],
            result.Errors.Select(e => e.ToString()));
    }

    [Theory]
    [InlineData("p, a\"b, applications, get, */*, allow", "bare \" in a non-quoted field at column 5 (quote the whole field)")]
    [InlineData("p, \"a\"b, applications, get, */*, allow", "extraneous \" in the quoted field at column 4")]
    [InlineData(", a, b", "a line starts with p or g, found ''")]
    [InlineData("P, a, applications, get, */*, allow", "a line starts with p or g, found 'P'")]
    [InlineData("p, a, applications, get, */*, Allow", "a 'p' line ends with allow or deny, found 'Allow'")]
    public void Misplaced_quotes_and_unknown_line_types_are_errors(string line, string reason)
    {
        var result = RbacPolicy.ParseCsv(line);
        Assert.Equal([$"policy.csv line 1: {reason}"], result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Quoted_fields_hold_commas_and_quotes_and_leading_spaces_are_trimmed()
    {
        var result = RbacPolicy.ParseCsv("  p,   \"my-org:team, a\", applications, \"get\", \"default/{a,b}\", allow  \ng, \"say \"\"hi\"\"\", role:x");
        Assert.True(result.IsValid, result.ErrorMessage);
        var rule = Assert.Single(result.Policy!.Rules);
        Assert.Equal(("my-org:team, a", "applications", "get", "default/{a,b}", PolicyEffect.Allow), (rule.Subject, rule.Resource, rule.Action, rule.Object, rule.Effect));
        Assert.Equal("say \"hi\"", Assert.Single(result.Policy.Bindings).Member);
    }

    [Fact]
    public void Trailing_spaces_inside_a_field_are_kept_as_Go_csv_keeps_them()
    {
        var rule = Assert.Single(RbacPolicy.ParseCsv("p, alice , applications, get, */*, allow").Policy!.Rules);
        Assert.Equal("alice ", rule.Subject);
    }

    [Fact]
    public void Comments_blank_lines_and_carriage_returns_are_skipped()
    {
        var result = RbacPolicy.ParseCsv("# p, not, a, rule\r\n\r\n   \n  # indented comment\np, a, applications, get, */*, deny\r\n");
        Assert.True(result.IsValid, result.ErrorMessage);
        var rule = Assert.Single(result.Policy!.Rules);
        Assert.Equal(PolicyEffect.Deny, rule.Effect);
        Assert.Equal(new PolicySource("policy.csv", 5), rule.Source);
    }

    [Fact]
    public void Policy_csv_comes_first_then_the_other_policy_keys_in_ordinal_order()
    {
        var data = Data(
            ("policy.B.csv", "p, b, applications, get, */*, allow"),
            ("UnrelatedKey", "p, x, applications, get, */*, allow"),
            ("policy.a.csv", "p, lower-a, applications, get, */*, allow"),
            ("policy.A.csv", "p, upper-a, applications, get, */*, allow"),
            ("policy.default", "role:readonly"),
            ("policy.csv", "p, main, applications, get, */*, allow"),
            ("policy.matchMode", "glob"));
        Assert.Equal(["policy.csv", "policy.A.csv", "policy.B.csv", "policy.a.csv"], RbacPolicy.PolicyKeys(data));
        var policy = RbacPolicy.Parse(data).Policy!;
        Assert.Equal(["main", "upper-a", "b", "lower-a"], policy.Rules.Select(r => r.Subject));
        Assert.Equal("role:readonly", policy.DefaultRole);
        Assert.Equal(MatchMode.Glob, policy.MatchMode);
    }

    [Theory]
    [InlineData(null, new[] { "groups" })]
    [InlineData("", new[] { "groups" })]
    [InlineData("[groups]", new[] { "groups" })]
    [InlineData("[groups, email]", new[] { "groups", "email" })]
    [InlineData("['groups', \"email\"]", new[] { "groups", "email" })]
    [InlineData("[cognito:groups]", new[] { "cognito:groups" })]
    [InlineData("- groups\n- roles\n", new[] { "groups", "roles" })]
    [InlineData("groups", new[] { "groups" })]
    public void Scopes_are_a_YAML_list_of_claim_names(string? scopes, string[] expected)
    {
        var data = Data(("policy.csv", ""));
        if (scopes is not null) data["scopes"] = scopes;
        var result = RbacPolicy.Parse(data);
        Assert.True(result.IsValid, result.ErrorMessage);
        Assert.Equal(expected, result.Policy!.Scopes);
    }

    [Fact]
    public void Match_mode_is_regex_only_when_it_says_regex()
    {
        Assert.Equal(MatchMode.Regex, RbacPolicy.Parse(Data(("policy.matchMode", "regex"))).Policy!.MatchMode);
        var typo = RbacPolicy.Parse(Data(("policy.matchMode", "Regex")));
        Assert.Equal(MatchMode.Glob, typo.Policy!.MatchMode);
        Assert.Equal(["policy.matchMode: 'Regex' is neither glob nor regex; glob is used"], typo.Warnings);
    }

    [Fact]
    public void Patterns_that_cannot_match_and_roles_granted_nothing_are_warnings_not_errors()
    {
        var result = RbacPolicy.ParseCsv("""
            p, alice, applications, get, default/[a-zA-Z]*, allow
            g, bob, role:ghost
            g, carol, role:admin
            g, role:team, role:readonly
            g, dave, role:team
            """);
        Assert.True(result.IsValid, result.ErrorMessage);
        Assert.Equal(
            [
                "policy.csv line 1: the object 'default/[a-zA-Z]*' is not a valid glob (expected close range character); the line matches nothing",
                "policy.csv line 2: role 'role:ghost' is not found in any 'p' line, directly or through the roles it has",
            ],
            result.Warnings);
    }

    [Fact]
    public void An_empty_ConfigMap_is_the_built_in_policy_alone()
    {
        var result = RbacPolicy.Parse(Data());
        Assert.True(result.IsValid);
        Assert.Empty(result.Policy!.Rules);
        Assert.Equal("", result.Policy.DefaultRole);
        Assert.Equal(["groups"], result.Policy.Scopes);
    }
}
