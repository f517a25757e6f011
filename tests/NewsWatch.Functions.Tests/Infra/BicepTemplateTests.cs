using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NewsWatch.Core.Configuration;
using NewsWatch.Core.State;
using NewsWatch.Testing;

namespace NewsWatch.Functions.Tests.Infra;

/// <summary>
/// Checks the deployment as built: infra/main.json, the ARM JSON that build/bicep.sh makes from infra/main.bicep
/// (the test script runs it before dotnet test). Where the template and the code share a contract (storage names,
/// SMTP TLS modes, the .NET version, the azd service name), the test holds them to each other.
/// </summary>
public sealed partial class BicepTemplateTests
{
    private const string StorageAccounts = "Microsoft.Storage/storageAccounts";
    private const string Sites = "Microsoft.Web/sites";
    private const string ServerFarms = "Microsoft.Web/serverfarms";
    private const string Vaults = "Microsoft.KeyVault/vaults";
    private const string RoleAssignments = "Microsoft.Authorization/roleAssignments";

    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";

    private static ArmTemplate Template => ArmTemplate.Main;

    [Fact]
    public void Template_IsNewerThanEveryBicepSource()
    {
        var built = File.GetLastWriteTimeUtc(Template.FilePath);
        var infra = Path.Combine(RepoPaths.Root, "infra");
        var newer = Directory.EnumerateFiles(infra, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".bicep", StringComparison.Ordinal) || f.EndsWith(".bicepparam", StringComparison.Ordinal)
                || f.EndsWith("bicepconfig.json", StringComparison.Ordinal))
            .Where(f => File.GetLastWriteTimeUtc(f) > built)
            .Select(f => Path.GetRelativePath(RepoPaths.Root, f))
            .ToList();
        Assert.True(newer.Count == 0, $"infra/main.json is older than {string.Join(", ", newer)}: run build/bicep.sh again");
    }

    [Fact]
    public void StorageAccount_AllowsNoSharedKeysNoPublicBlobsAndOnlyTls12OverHttps()
    {
        var account = Template.Single(StorageAccounts);
        var properties = account.Properties!;

        Assert.Equal("StorageV2", ArmTemplate.AsString(account.Json["kind"]));
        Assert.False(properties["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.False(properties["allowBlobPublicAccess"]!.GetValue<bool>());
        Assert.Equal("TLS1_2", ArmTemplate.AsString(properties["minimumTlsVersion"]));
        Assert.True(properties["supportsHttpsTrafficOnly"]!.GetValue<bool>());
    }

    [Fact]
    public void Storage_CreatesTheContainersQueuesAndTableOfTheStorageContract()
    {
        var containers = NamesCreatedBy("Microsoft.Storage/storageAccounts/blobServices/containers");
        var queues = NamesCreatedBy("Microsoft.Storage/storageAccounts/queueServices/queues");
        var tables = NamesCreatedBy("Microsoft.Storage/storageAccounts/tableServices/tables");

        Assert.Contains(StorageNames.AlertsContainer, containers);
        Assert.Contains(StorageNames.ConfigContainer, containers);
        Assert.Contains(NewsWatch.Core.Archive.ArticleArchive.Container, containers);
        Assert.Contains(NewsWatch.Core.Scanning.BlobHostLeases.ContainerName, containers);
        Assert.Equal(
            new[]
            {
                StorageNames.ScanRequestsQueue,
                StorageNames.Poison(StorageNames.ScanRequestsQueue),
                StorageNames.AlertsQueue,
                StorageNames.Poison(StorageNames.AlertsQueue),
            }.Order(),
            queues.Order());
        Assert.Contains(StorageNames.StateTable, tables);
    }

    [Fact]
    public void Storage_LifecycleRules_DeleteAlertsAfterTheRetentionParameter_AndArchivedArticlesAfterTwoDays()
    {
        var policy = Template.Single("Microsoft.Storage/storageAccounts/managementPolicies");
        var rules = policy.Properties!["policy"]!["rules"]!.AsArray();
        var byPrefix = rules.ToDictionary(
            r => ArmTemplate.AsString(r!["definition"]!["filters"]!["prefixMatch"]![0])!,
            r => r!["definition"]!["actions"]!["baseBlob"]!["delete"]!["daysAfterModificationGreaterThan"]);

        Assert.Equal("alertRetentionDays", ArmTemplate.MainParameter(byPrefix[StorageNames.AlertsContainer + "/"], policy.Scope));
        Assert.Equal(90, Template.Root["parameters"]!["alertRetentionDays"]!["defaultValue"]!.GetValue<int>());
        Assert.Equal(2, byPrefix[NewsWatch.Core.Archive.ArticleArchive.Container + "/"]!.GetValue<int>());
    }

    [Fact]
    public void FunctionApp_RunsDotnetIsolatedOnTheFlexConsumptionPlan()
    {
        var plan = Template.Single(ServerFarms);
        Assert.Equal("FC1", ArmTemplate.AsString(plan.Json["sku"]?["name"]));
        Assert.Equal("FlexConsumption", ArmTemplate.AsString(plan.Json["sku"]?["tier"]));
        Assert.True(plan.Properties?["reserved"]?.GetValue<bool>(), "a Flex Consumption plan is Linux: reserved must be true");

        var app = Template.Single(Sites);
        Assert.Equal("functionapp,linux", ArmTemplate.AsString(app.Json["kind"]));
        Assert.Equal("SystemAssigned", ArmTemplate.AsString(app.Json["identity"]?["type"]));
        var runtime = app.Properties?["functionAppConfig"]?["runtime"];
        Assert.Equal("dotnet-isolated", app.ResolveString(runtime?["name"]));
        Assert.Equal("10.0", app.ResolveString(runtime?["version"]));

        var scale = app.Properties?["functionAppConfig"]?["scaleAndConcurrency"];
        Assert.NotNull(scale?["maximumInstanceCount"]);
        Assert.NotNull(scale?["instanceMemoryMB"]);
    }

    [Fact]
    public void FunctionApp_RuntimeVersion_MatchesTheTargetFrameworkOfTheProjects()
    {
        var app = Template.Single(Sites);
        var version = app.ResolveString(app.Properties?["functionAppConfig"]?["runtime"]?["version"]);

        var functionsProject = File.ReadAllText(Path.Combine(RepoPaths.Root, "functions", "NewsWatch.Functions", "NewsWatch.Functions.csproj"));
        var buildProps = File.ReadAllText(Path.Combine(RepoPaths.Root, "Directory.Build.props"));
        var framework = TargetFramework().Match(functionsProject) is { Success: true } own ? own : TargetFramework().Match(buildProps);
        Assert.True(framework.Success, "no <TargetFramework>netX.Y</TargetFramework> in the functions project or Directory.Build.props");
        Assert.Equal(framework.Groups[1].Value, version);
    }

    [Fact]
    public void FunctionApp_IsHttpsOnlyWithTls12AndNoFtp()
    {
        var app = Template.Single(Sites);
        Assert.True(app.Properties?["httpsOnly"]?.GetValue<bool>());
        Assert.Equal("1.2", ArmTemplate.AsString(app.Properties?["siteConfig"]?["minTlsVersion"]));
        Assert.Equal("Disabled", ArmTemplate.AsString(app.Properties?["siteConfig"]?["ftpsState"]));
    }

    [Fact]
    public void FunctionApp_DeploysFromABlobContainerOfTheAccount_ByItsIdentity()
    {
        var app = Template.Single(Sites);
        var storage = app.Properties?["functionAppConfig"]?["deployment"]?["storage"];
        Assert.Equal("blobContainer", ArmTemplate.AsString(storage?["type"]));
        Assert.Equal("SystemAssignedIdentity", ArmTemplate.AsString(storage?["authentication"]?["type"]));

        var value = ArmTemplate.AsString(storage?["value"]) ?? "";
        var container = ContainerParameter().Match(value);
        Assert.True(container.Success, $"the deployment storage value {value} names no container parameter");
        var containerName = ArmTemplate.ResolveString(JsonValue.Create($"[parameters('{container.Groups[1].Value}')]"), app.Scope);
        Assert.Contains(containerName, NamesCreatedBy("Microsoft.Storage/storageAccounts/blobServices/containers"));
    }

    [Fact]
    public void FunctionApp_UsesStorageByIdentity_AndNoKeyAppearsAnywhere()
    {
        var settings = ArmTemplate.AppSettings(Template.Single(Sites));

        Assert.Contains("AzureWebJobsStorage__accountName", settings.Keys);
        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
        Assert.DoesNotContain(settings, s => (s.Value?.ToJsonString() ?? "").Contains("AccountKey", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("AccountKey", Template.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("listKeys(", Template.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("SharedAccessSignature", Template.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void FunctionApp_HasNoSettingThatFlexConsumptionRejects()
    {
        var app = Template.Single(Sites);
        var settings = ArmTemplate.AppSettings(app);

        foreach (var rejected in new[]
        {
            "FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION", "WEBSITE_RUN_FROM_PACKAGE",
            "WEBSITE_CONTENTSHARE", "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", "WEBSITE_NODE_DEFAULT_VERSION",
        })
        {
            Assert.DoesNotContain(rejected, settings.Keys);
        }

        Assert.Null(app.Properties?["siteConfig"]?["linuxFxVersion"]);
    }

    [Fact]
    public void FunctionApp_HasEverySettingTheAppReads()
    {
        var settings = ArmTemplate.AppSettings(Template.Single(Sites));

        foreach (var name in new[]
        {
            "APPLICATIONINSIGHTS_CONNECTION_STRING", "NEWSWATCH_SCHEDULE", "NEWSWATCH_SMTP_HOST", "NEWSWATCH_SMTP_PORT",
            "NEWSWATCH_SMTP_TLS", "NEWSWATCH_SMTP_FROM", "NEWSWATCH_SMTP_USER", "NEWSWATCH_SMTP_PASSWORD",
            "NEWSWATCH_DIGEST_SCHEDULE", "NEWSWATCH_PUBLIC_URL", "NEWSWATCH_UNSUBSCRIBE_KEY", "NEWSWATCH_WEBHOOK_SECRET",
        })
        {
            Assert.Contains(name, settings.Keys);
        }
    }

    [Fact]
    public void Schedule_ComesFromAParameter_ThatDefaultsToEveryFiveMinutes()
    {
        var app = Template.Single(Sites);
        var schedule = ArmTemplate.AppSettings(app)["NEWSWATCH_SCHEDULE"];

        Assert.Equal("newsWatchSchedule", ArmTemplate.MainParameter(schedule, app.Scope));
        Assert.Equal("0 */5 * * * *", app.ResolveString(schedule));
    }

    [Fact]
    public void SmtpTls_AllowsExactlyTheModesTheAppKnows_DefaultStartTls()
    {
        var app = Template.Single(Sites);
        var tls = ArmTemplate.AppSettings(app)["NEWSWATCH_SMTP_TLS"];
        var parameterName = ArmTemplate.MainParameter(tls, app.Scope);
        Assert.NotNull(parameterName);

        var parameter = Template.Root["parameters"]![parameterName]!;
        var allowed = (parameter["allowedValues"] as JsonArray)?.Select(ArmTemplate.AsString).ToList();
        Assert.NotNull(allowed);
        Assert.Equal(Enum.GetNames<SmtpTlsMode>().Order(), allowed.Order());
        Assert.Equal(nameof(SmtpTlsMode.StartTls), ArmTemplate.AsString(parameter["defaultValue"]));
    }

    [Fact]
    public void SmtpPassword_IsAKeyVaultReference_ToTheSecretTheVaultModuleWrites()
    {
        var app = Template.Single(Sites);
        var reference = ArmTemplate.AsString(ArmTemplate.AppSettings(app)["NEWSWATCH_SMTP_PASSWORD"]) ?? "";
        Assert.Contains("@Microsoft.KeyVault(SecretUri=", reference, StringComparison.Ordinal);

        var secretParameter = SecretNameParameter().Match(reference);
        Assert.True(secretParameter.Success, $"the reference {reference} names no secret-name parameter");
        var referencedSecret = ArmTemplate.ResolveString(JsonValue.Create($"[parameters('{secretParameter.Groups[1].Value}')]"), app.Scope);

        var secret = SmtpPasswordSecret();
        var secretName = ArmTemplate.AsString(secret.Json["name"]) ?? "";
        var written = ArmTemplate.ResolveString(JsonValue.Create($"[parameters('{SecretNameParameter().Match(secretName).Groups[1].Value}')]"), secret.Scope);
        Assert.Equal("smtp-password", referencedSecret);
        Assert.Equal(referencedSecret, written);
    }

    [Fact]
    public void UnsubscribeKey_IsAKeyVaultReference_AndASecureParameterWrittenOnlyWhenGiven()
    {
        var app = Template.Single(Sites);
        var reference = ArmTemplate.AsString(ArmTemplate.AppSettings(app)["NEWSWATCH_UNSUBSCRIBE_KEY"]) ?? "";
        Assert.Contains("@Microsoft.KeyVault(SecretUri=", reference, StringComparison.Ordinal);
        var parameter = Template.Root["parameters"]?["unsubscribeKey"];
        Assert.Equal("securestring", ArmTemplate.AsString(parameter?["type"]));
        Assert.Equal("", ArmTemplate.AsString(parameter?["defaultValue"]));
        Assert.Equal(3, Template.OfType("Microsoft.KeyVault/vaults/secrets").Count);
        Assert.Equal("0 */5 * * * *", app.ResolveString(ArmTemplate.AppSettings(app)["NEWSWATCH_DIGEST_SCHEDULE"]));
    }

    [Fact]
    public void WebhookSecret_IsAKeyVaultReference_ToTheSecretWrittenFromASecureParameterOnlyWhenGiven()
    {
        var app = Template.Single(Sites);
        var reference = ArmTemplate.AsString(ArmTemplate.AppSettings(app)["NEWSWATCH_WEBHOOK_SECRET"]) ?? "";
        Assert.Contains("@Microsoft.KeyVault(SecretUri=", reference, StringComparison.Ordinal);
        var secretParameter = SecretNameParameter().Match(reference);
        Assert.True(secretParameter.Success, $"the reference {reference} names no secret-name parameter");
        Assert.Equal("webhook-secret", ArmTemplate.ResolveString(JsonValue.Create($"[parameters('{secretParameter.Groups[1].Value}')]"), app.Scope));

        var parameter = Template.Root["parameters"]?["webhookSecret"];
        Assert.Equal("securestring", ArmTemplate.AsString(parameter?["type"]));
        Assert.Equal("", ArmTemplate.AsString(parameter?["defaultValue"]));
        var secret = Assert.Single(Template.OfType("Microsoft.KeyVault/vaults/secrets"), s => ArmTemplate.MainParameter(s.Properties?["value"], s.Scope) == "webhookSecret");
        Assert.NotNull(secret.Json["condition"]);
    }

    /// <summary>The vault's secret whose value is the smtpPassword parameter (the others are the unsubscribe and webhook keys).</summary>
    private static ArmResource SmtpPasswordSecret() =>
        Assert.Single(Template.OfType("Microsoft.KeyVault/vaults/secrets"), s => ArmTemplate.MainParameter(s.Properties?["value"], s.Scope) == "smtpPassword");

    [Fact]
    public void SmtpPassword_IsASecureParameter_ThatNoBuiltFileCarries()
    {
        var parameter = Template.Root["parameters"]?["smtpPassword"];
        Assert.Equal("securestring", ArmTemplate.AsString(parameter?["type"]));
        Assert.Equal("", ArmTemplate.AsString(parameter?["defaultValue"]));

        var secret = SmtpPasswordSecret();
        var value = secret.Properties?["value"];
        Assert.Equal("smtpPassword", ArmTemplate.MainParameter(value, secret.Scope));

        var parametersFile = Path.Combine(RepoPaths.Root, "infra", "main.parameters.json");
        Assert.True(File.Exists(parametersFile), ArmTemplate.MissingMessage + " (infra/main.parameters.json too)");
        var built = JsonNode.Parse(File.ReadAllText(parametersFile));
        Assert.Equal("", ArmTemplate.AsString(built?["parameters"]?["smtpPassword"]?["value"]));
    }

    [Fact]
    public void KeyVault_AuthorizesWithRbacAndKeepsDeletedSecrets()
    {
        var vault = Template.Single(Vaults);
        Assert.True(vault.Properties?["enableRbacAuthorization"]?.GetValue<bool>());
        Assert.True(vault.Properties?["enableSoftDelete"]?.GetValue<bool>());
        Assert.Null(vault.Properties?["accessPolicies"]);
    }

    [Fact]
    public void RoleAssignments_AreOneLoopOverARoleMap_ForTheAppsIdentity()
    {
        var assignments = Template.Single(RoleAssignments);
        Assert.True(assignments.Json["copy"] is JsonObject, "the role assignments are not a copy loop");

        var properties = assignments.Properties!;
        Assert.Equal("ServicePrincipal", ArmTemplate.AsString(properties["principalType"]));
        var roleDefinition = ArmTemplate.AsString(properties["roleDefinitionId"]) ?? "";
        Assert.Contains("copyIndex()", roleDefinition, StringComparison.Ordinal);
        var name = ArmTemplate.AsString(assignments.Json["name"]) ?? "";
        Assert.StartsWith("[guid(", name, StringComparison.Ordinal);
        Assert.Contains("principalId", name, StringComparison.Ordinal);

        var map = VariableName().Match(roleDefinition);
        Assert.True(map.Success, $"the roleDefinitionId {roleDefinition} does not come from a variable");
        var roleMap = assignments.Scope.Template["variables"]?[map.Groups[1].Value];
        Assert.NotNull(roleMap);
        var roleIds = Guid().Matches(roleMap.ToJsonString()).Select(m => m.Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.Superset(
            new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                StorageBlobDataOwner, StorageQueueDataContributor, StorageTableDataContributor, KeyVaultSecretsUser,
            },
            roleIds);

        var principal = ArmTemplate.AsString(properties["principalId"]) ?? "";
        var roles = Template.OfType("Microsoft.Resources/deployments")
            .Single(d => d.Json["properties"]?["template"] == assignments.Scope.Template);
        var passed = ArmTemplate.AsString(roles.Json["properties"]?["parameters"]?[ParameterName().Match(principal).Groups[1].Value]?["value"]) ?? "";
        Assert.Contains("outputs.principalId", passed, StringComparison.Ordinal);
    }

    [Fact]
    public void Monitoring_IsAWorkspaceBasedApplicationInsights()
    {
        Template.Single("Microsoft.OperationalInsights/workspaces");
        var insights = Template.Single("Microsoft.Insights/components");
        var workspace = ArmTemplate.AsString(insights.Properties?["WorkspaceResourceId"]) ?? "";
        Assert.Contains("Microsoft.OperationalInsights/workspaces", workspace, StringComparison.Ordinal);
    }

    [Fact]
    public void Outputs_AreUpperSnake_AndGiveAzdWhatItNeeds()
    {
        var outputs = Template.Root["outputs"] as JsonObject;
        Assert.NotNull(outputs);
        var names = outputs.Select(o => o.Key).ToList();

        Assert.All(names, n => Assert.Matches("^[A-Z][A-Z0-9_]*$", n));
        foreach (var required in new[]
        {
            "AZURE_FUNCTION_APP_NAME", "AZURE_STORAGE_ACCOUNT_NAME", "AZURE_KEY_VAULT_NAME", "APPLICATIONINSIGHTS_CONNECTION_STRING",
        })
        {
            Assert.Contains(required, names);
        }
    }

    [Fact]
    public void FunctionApp_IsTaggedWithTheServiceNameOfAzureYaml()
    {
        var azureYaml = File.ReadAllText(Path.Combine(RepoPaths.Root, "azure.yaml"));
        var service = AzdServiceName().Match(azureYaml);
        Assert.True(service.Success, "azure.yaml names no service under services:");

        var app = Template.Single(Sites);
        var tags = ArmTemplate.AsString(app.Json["tags"]) ?? "";
        Assert.Contains("'azd-service-name'", tags, StringComparison.Ordinal);
        var serviceParameter = ParameterName().Matches(tags).Select(m => m.Groups[1].Value)
            .Select(p => ArmTemplate.ResolveString(JsonValue.Create($"[parameters('{p}')]"), app.Scope));
        Assert.Contains(service.Groups[1].Value, serviceParameter);
    }

    private static List<string?> NamesCreatedBy(string type) =>
        Template.OfType(type).SelectMany(r => r.Json["copy"] is JsonObject
            ? ArmTemplate.LoopItems(r)
            : [(r.ResolveString(r.Json["name"]) ?? "").Split('/')[^1]]).ToList();

    [GeneratedRegex(@"<TargetFramework>net(\d+\.\d+)</TargetFramework>")]
    private static partial Regex TargetFramework();

    [GeneratedRegex(@"parameters\('(deployment\w*Container\w*)'\)")]
    private static partial Regex ContainerParameter();

    [GeneratedRegex(@"parameters\('(\w*[Ss]ecretName)'\)")]
    private static partial Regex SecretNameParameter();

    [GeneratedRegex(@"parameters\('(\w+)'\)")]
    private static partial Regex ParameterName();

    [GeneratedRegex(@"variables\('(\w+)'\)")]
    private static partial Regex VariableName();

    [GeneratedRegex(@"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", RegexOptions.IgnoreCase)]
    private static partial Regex Guid();

    [GeneratedRegex(@"^services:\s*\r?\n\s+([A-Za-z0-9_-]+):", RegexOptions.Multiline)]
    private static partial Regex AzdServiceName();
}
