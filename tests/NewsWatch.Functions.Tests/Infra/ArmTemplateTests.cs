using System.Text.Json.Nodes;
using Xunit.Sdk;

namespace NewsWatch.Functions.Tests.Infra;

/// <summary>The reader of built ARM JSON that <see cref="BicepTemplateTests"/> relies on, on small templates of both shapes.</summary>
public sealed class ArmTemplateTests
{
    // What Bicep emits with languageVersion 2.0 (symbolic names): resources keyed by name, not an array.
    private const string SymbolicNameTemplate = """
        {
          "languageVersion": "2.0",
          "parameters": { "accountName": { "type": "string", "defaultValue": "stmain" } },
          "resources": {
            "queuesModule": {
              "type": "Microsoft.Resources/deployments",
              "name": "queues",
              "properties": {
                "parameters": { "n": { "value": "[parameters('accountName')]" } },
                "template": {
                  "parameters": { "n": { "type": "string" }, "unpassed": { "type": "string", "defaultValue": "inner" } },
                  "variables": { "names": [ "a", "[parameters('unpassed')]" ] },
                  "resources": [
                    {
                      "copy": { "name": "q", "count": "[length(variables('names'))]" },
                      "type": "Microsoft.Storage/storageAccounts/queueServices/queues",
                      "name": "[format('{0}/default/{1}', parameters('n'), variables('names')[copyIndex()])]"
                    }
                  ]
                }
              }
            }
          }
        }
        """;

    [Fact]
    public void Resources_OfASymbolicNameTemplate_AreWalkedIntoModules()
    {
        var template = ArmTemplate.Parse(SymbolicNameTemplate, "inline.json");

        Assert.Equal(
            ["Microsoft.Resources/deployments", "Microsoft.Storage/storageAccounts/queueServices/queues"],
            template.Resources.Select(r => r.Type));
    }

    [Fact]
    public void LoopItems_ResolveEachItem_InTheModulesScope()
    {
        var queues = ArmTemplate.Parse(SymbolicNameTemplate, "inline.json").Single("Microsoft.Storage/storageAccounts/queueServices/queues");

        Assert.Equal(["a", "inner"], ArmTemplate.LoopItems(queues));
    }

    [Fact]
    public void Resolve_FollowsAPassedParameter_ToTheDefaultOfTheMainTemplate()
    {
        var queues = ArmTemplate.Parse(SymbolicNameTemplate, "inline.json").Single("Microsoft.Storage/storageAccounts/queueServices/queues");
        var reference = JsonValue.Create("[parameters('n')]");

        Assert.Equal("stmain", queues.ResolveString(reference));
        Assert.Equal("accountName", ArmTemplate.MainParameter(reference, queues.Scope));
    }

    [Fact]
    public void Resolve_LeavesOtherExpressionsAsTheyAre()
    {
        var template = ArmTemplate.Parse(SymbolicNameTemplate, "inline.json");

        Assert.Equal("[resourceGroup().location]", ArmTemplate.ResolveString(JsonValue.Create("[resourceGroup().location]"), template.MainScope));
        Assert.Null(ArmTemplate.MainParameter(JsonValue.Create("[variables('x')]"), template.MainScope));
    }

    [Fact]
    public void Load_OfAMissingFile_FailsAndSaysHowToBuildIt()
    {
        var missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "main.json");

        var failure = Assert.Throws<FailException>(() => ArmTemplate.Load(missing));
        Assert.Contains("run build/bicep.sh", failure.Message, StringComparison.Ordinal);
    }
}
