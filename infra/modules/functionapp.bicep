// The function app on a Flex Consumption plan: Linux, .NET isolated worker, system-assigned managed identity.
// Flex Consumption takes its runtime and deployment source from functionAppConfig, not from the
// FUNCTIONS_WORKER_RUNTIME / FUNCTIONS_EXTENSION_VERSION / WEBSITE_RUN_FROM_PACKAGE app settings (it rejects them).

@description('Function app name (globally unique host name).')
param name string

@description('Flex Consumption plan name.')
param planName string

@description('Azure region.')
param location string

@description('Tags for the plan and the app (the app also gets azd-service-name).')
param tags object

@description('Service name in azure.yaml; azd finds the app by the azd-service-name tag.')
param azdServiceName string

@description('Storage account the host and NewsWatch use, by identity (AzureWebJobsStorage__accountName).')
param storageAccountName string

@description('Primary blob endpoint of that account, with a trailing slash.')
param storageBlobEndpoint string

@description('Blob container the app package is deployed to.')
param deploymentContainerName string

@description('Application Insights component name.')
param applicationInsightsName string

@description('Key Vault URI with a trailing slash.')
param keyVaultUri string

@description('Name of the Key Vault secret that holds the SMTP password.')
param smtpPasswordSecretName string

@description('NCRONTAB schedule of ScheduleScan (six fields, seconds first).')
param newsWatchSchedule string

@description('NCRONTAB schedule of SendDigests (six fields, seconds first).')
param newsWatchDigestSchedule string

@description('Public address for unsubscribe links. Empty: https://{name}.azurewebsites.net.')
param publicUrl string

@description('Name of the Key Vault secret that holds the unsubscribe token key.')
param unsubscribeKeySecretName string

@description('Name of the Key Vault secret that holds the key webhook posts are signed with.')
param webhookSecretName string

@description('SMTP host.')
param smtpHost string

@description('SMTP port.')
param smtpPort int

@description('SMTP connection security: None, StartTls or Ssl.')
param smtpTls string

@description('Sender address of alert emails.')
param smtpFrom string

@description('SMTP user name (empty: no authentication).')
param smtpUser string

@description('Most instances the app scales out to. Per-host fetch limits hold per instance, so this also bounds the load on each news site.')
param maximumInstanceCount int

@description('Memory of each instance in MB.')
param instanceMemoryMB int

@description('.NET version of the isolated worker (the projects target net10.0).')
param dotnetVersion string = '10.0'

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': azdServiceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: 'SystemAssigned'
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageBlobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: dotnetVersion
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        // The host's storage (timers' leases, queue triggers) by managed identity: no connection string, no key.
        // The core reads the same setting (StorageOptions.AccountName) for alerts, queues and state.
        {
          name: 'AzureWebJobsStorage__accountName'
          value: storageAccountName
        }
        {
          name: 'AzureWebJobsStorage__credential'
          value: 'managedidentity'
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: appInsights.properties.ConnectionString
        }
        // The host sends telemetry with its identity (Monitoring Metrics Publisher, roles.bicep).
        {
          name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
          value: 'Authorization=AAD'
        }
        {
          name: 'NEWSWATCH_SCHEDULE'
          value: newsWatchSchedule
        }
        {
          name: 'NEWSWATCH_DIGEST_SCHEDULE'
          value: newsWatchDigestSchedule
        }
        {
          name: 'NEWSWATCH_PUBLIC_URL'
          value: empty(publicUrl) ? 'https://${name}.azurewebsites.net' : publicUrl
        }
        {
          name: 'NEWSWATCH_SMTP_HOST'
          value: smtpHost
        }
        {
          name: 'NEWSWATCH_SMTP_PORT'
          value: string(smtpPort)
        }
        {
          name: 'NEWSWATCH_SMTP_TLS'
          value: smtpTls
        }
        {
          name: 'NEWSWATCH_SMTP_FROM'
          value: smtpFrom
        }
        {
          name: 'NEWSWATCH_SMTP_USER'
          value: smtpUser
        }
        // Resolved by the platform with the app's identity (Key Vault Secrets User); versionless, so a rotated
        // secret is picked up without a redeploy.
        {
          name: 'NEWSWATCH_SMTP_PASSWORD'
          value: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${smtpPasswordSecretName}/)'
        }
        {
          name: 'NEWSWATCH_UNSUBSCRIBE_KEY'
          value: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${unsubscribeKeySecretName}/)'
        }
        // The signing key of webhook channels whose "secretSetting" names this setting.
        {
          name: 'NEWSWATCH_WEBHOOK_SECRET'
          value: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${webhookSecretName}/)'
        }
      ]
    }
  }
}

output name string = app.name
output id string = app.id
output principalId string = app.identity.principalId
output defaultHostName string = app.properties.defaultHostName
