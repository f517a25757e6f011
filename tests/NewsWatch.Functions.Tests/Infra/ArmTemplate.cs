using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NewsWatch.Testing;

namespace NewsWatch.Functions.Tests.Infra;

/// <summary>
/// The ARM JSON that <c>build/bicep.sh</c> builds from <c>infra/main.bicep</c>, with the templates of nested
/// module deployments walked as well. ARM expressions stay strings (<c>"[parameters('x')]"</c>); the helpers follow
/// plain <c>parameters('x')</c> and <c>variables('x')</c> references through module boundaries to a literal or to a
/// parameter default, and leave every other expression as it is.
/// </summary>
internal sealed partial class ArmTemplate
{
    public const string MissingMessage =
        "infra/main.json is missing: run build/bicep.sh (the README's test script does) before dotnet test";

    private static readonly Lazy<ArmTemplate> LazyMain = new(() => Load(System.IO.Path.Combine(RepoPaths.Root, "infra", "main.json")));

    private ArmTemplate(string path, string text, JsonObject root)
    {
        FilePath = path;
        Text = text;
        Root = root;
        MainScope = new TemplateScope(root, PassedParameters: null, Parent: null);
        var resources = new List<ArmResource>();
        Collect(MainScope, resources);
        Resources = resources;
    }

    /// <summary>The template built from infra/main.bicep (loaded once; a missing file fails every test that asks).</summary>
    public static ArmTemplate Main => LazyMain.Value;

    public string FilePath { get; }

    public string Text { get; }

    public JsonObject Root { get; }

    public TemplateScope MainScope { get; }

    /// <summary>Every resource, those of nested module templates included (the deployments themselves too).</summary>
    public IReadOnlyList<ArmResource> Resources { get; }

    public static ArmTemplate Load(string path)
    {
        if (!File.Exists(path))
        {
            Assert.Fail(MissingMessage + $" (looked for {path})");
        }

        return Parse(File.ReadAllText(path), path);
    }

    public static ArmTemplate Parse(string text, string path)
    {
        var root = JsonNode.Parse(text) as JsonObject
            ?? throw new InvalidDataException($"{path} is not a JSON object");
        return new ArmTemplate(path, text, root);
    }

    public IReadOnlyList<ArmResource> OfType(string type) =>
        Resources.Where(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase)).ToList();

    public ArmResource Single(string type)
    {
        var found = OfType(type);
        Assert.True(found.Count == 1, $"expected one {type} in {FilePath}, found {found.Count}");
        return found[0];
    }

    /// <summary>Follows <c>[parameters('x')]</c> and <c>[variables('x')]</c> to what they stand for, as far as it can.</summary>
    public static JsonNode? Resolve(JsonNode? node, TemplateScope scope)
    {
        for (var depth = 0; depth < 32; depth++)
        {
            var expression = AsString(node);
            if (expression is null)
            {
                return node;
            }

            if (ParameterReference().Match(expression) is { Success: true } p)
            {
                var name = p.Groups[1].Value;
                if (scope.PassedParameters?[name] is JsonObject passed && scope.Parent is not null)
                {
                    node = passed["value"];
                    scope = scope.Parent;
                }
                else
                {
                    node = scope.Template["parameters"]?[name]?["defaultValue"];
                }
            }
            else if (VariableReference().Match(expression) is { Success: true } v)
            {
                node = scope.Template["variables"]?[v.Groups[1].Value];
            }
            else
            {
                return node;
            }
        }

        throw new InvalidDataException("parameter/variable references nest too deep");
    }

    public static string? ResolveString(JsonNode? node, TemplateScope scope) => AsString(Resolve(node, scope));

    /// <summary>The parameter of main.json that <paramref name="node"/> is passed down from, or null.</summary>
    public static string? MainParameter(JsonNode? node, TemplateScope scope)
    {
        for (var depth = 0; depth < 32; depth++)
        {
            if (AsString(node) is not { } expression || ParameterReference().Match(expression) is not { Success: true } p)
            {
                return null;
            }

            var name = p.Groups[1].Value;
            if (scope.Parent is null)
            {
                return name;
            }

            if (scope.PassedParameters?[name] is not JsonObject passed)
            {
                return null;
            }

            node = passed["value"];
            scope = scope.Parent;
        }

        return null;
    }

    /// <summary>
    /// The names a copy loop creates, when it loops over a variable array
    /// (<c>name: "[format('{0}/{1}/{2}', ..., variables('x')[copyIndex()])]"</c>); each item resolved.
    /// </summary>
    public static IReadOnlyList<string?> LoopItems(ArmResource resource)
    {
        Assert.True(resource.Json["copy"] is JsonObject, $"{resource.Type} is not a copy loop");
        var name = AsString(resource.Json["name"]) ?? "";
        var loop = LoopOverVariable().Match(name);
        Assert.True(loop.Success, $"{resource.Type}: the name {name} does not loop over a variable");
        var items = resource.Scope.Template["variables"]?[loop.Groups[1].Value] as JsonArray;
        Assert.NotNull(items);
        return items.Select(item => ResolveString(item, resource.Scope)).ToList();
    }

    /// <summary>The app settings of a Microsoft.Web/sites resource (siteConfig.appSettings), by name.</summary>
    public static IReadOnlyDictionary<string, JsonNode?> AppSettings(ArmResource site)
    {
        var settings = site.Json["properties"]?["siteConfig"]?["appSettings"] as JsonArray;
        Assert.True(settings is not null, "the function app has no literal siteConfig.appSettings array");
        return settings.OfType<JsonObject>().ToDictionary(
            s => AsString(s["name"]) ?? throw new InvalidDataException("an app setting without a literal name"),
            s => s["value"]);
    }

    public static string? AsString(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static void Collect(TemplateScope scope, List<ArmResource> into)
    {
        foreach (var resource in ResourcesOf(scope.Template))
        {
            var armResource = new ArmResource(resource, scope);
            into.Add(armResource);
            if (string.Equals(armResource.Type, "Microsoft.Resources/deployments", StringComparison.OrdinalIgnoreCase)
                && resource["properties"]?["template"] is JsonObject nested)
            {
                var passed = resource["properties"]?["parameters"] as JsonObject;
                Collect(new TemplateScope(nested, passed, scope), into);
            }
        }
    }

    // "resources" is an array, or with languageVersion 2.0 (symbolic names) an object keyed by symbolic name.
    private static IEnumerable<JsonObject> ResourcesOf(JsonObject template) => template["resources"] switch
    {
        JsonArray array => array.OfType<JsonObject>(),
        JsonObject byName => byName.Select(pair => pair.Value).OfType<JsonObject>(),
        _ => [],
    };

    [GeneratedRegex(@"^\[parameters\('([^']+)'\)\]$")]
    private static partial Regex ParameterReference();

    [GeneratedRegex(@"^\[variables\('([^']+)'\)\]$")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"variables\('([^']+)'\)\[copyIndex\(\)\]")]
    private static partial Regex LoopOverVariable();
}

/// <summary>A template and, for a nested module template, the parameters its deployment passes and the parent scope.</summary>
internal sealed record TemplateScope(JsonObject Template, JsonObject? PassedParameters, TemplateScope? Parent);

/// <summary>One resource of a template, with the scope its expressions are evaluated in.</summary>
internal sealed record ArmResource(JsonObject Json, TemplateScope Scope)
{
    public string Type => ArmTemplate.AsString(Json["type"]) ?? "";

    public JsonNode? Properties => Json["properties"];

    public string? ResolveString(JsonNode? node) => ArmTemplate.ResolveString(node, Scope);
}
