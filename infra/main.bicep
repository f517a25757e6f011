// NewsWatch on Azure: a Flex Consumption function app (ScheduleScan, ScanSource, SendAlertEmail) with its storage,
// Key Vault and monitoring. Identity only: shared keys are off and the app signs in with its managed identity.
// azd up deploys it (azure.yaml); README.md beside this file says how, and which settings exist.
targetScope = 'resourceGroup'

@description('azd environment name: part of every resource name\'s hash and the azd-env-name tag.')
@minLength(1)
@maxLength(64)
param environmentName string

@description('Days an alert blob is kept before a lifecycle rule deletes it.')
@minValue(1)
@maxValue(3650)
param alertRetentionDays int = 90

@description('Azure region of every resource (one where the Flex Consumption plan is offered).')
param location string = resourceGroup().location

@description('NCRONTAB schedule of ScheduleScan, six fields with seconds first (app setting NEWSWATCH_SCHEDULE). Default: every 5 minutes.')
param newsWatchSchedule string = '0 */5 * * * *'

@description('NCRONTAB schedule of SendDigests, which sends the digests that are due (app setting NEWSWATCH_DIGEST_SCHEDULE). Default: every 5 minutes.')
param newsWatchDigestSchedule string = '0 */5 * * * *'

@description('Public address of the function app for one-click unsubscribe links (NEWSWATCH_PUBLIC_URL). Empty: https://{app name}.azurewebsites.net.')
param publicUrl string = ''

@description('HMAC key of unsubscribe tokens, stored as Key Vault secret unsubscribe-key (NEWSWATCH_UNSUBSCRIBE_KEY is a Key Vault reference). Empty: the secret is left as it is. Rotating it voids every unsubscribe link already sent.')
@secure()
param unsubscribeKey string = ''

@description('HMAC key that signs webhook channel posts (X-NewsWatch-Signature), stored as Key Vault secret webhook-secret; NEWSWATCH_WEBHOOK_SECRET is a Key Vault reference to it, for channels with "secretSetting": "NEWSWATCH_WEBHOOK_SECRET". Empty: the secret is left as it is.')
@secure()
param webhookSecret string = ''

@description('SMTP host alert emails go through (NEWSWATCH_SMTP_HOST). Empty: the smtp section of config/newswatch.json.')
param smtpHost string = ''

@description('SMTP port (NEWSWATCH_SMTP_PORT). 587 with StartTls, 465 with Ssl.')
@minValue(1)
@maxValue(65535)
param smtpPort int = 587

@description('SMTP connection security (NEWSWATCH_SMTP_TLS).')
@allowed([
  'None'
  'StartTls'
  'Ssl'
])
param smtpTls string = 'StartTls'

@description('Sender address of alert emails (NEWSWATCH_SMTP_FROM).')
param smtpFrom string = ''

@description('SMTP user name (NEWSWATCH_SMTP_USER). Empty: no authentication.')
param smtpUser string = ''

@description('SMTP password, stored as Key Vault secret smtp-password (NEWSWATCH_SMTP_PASSWORD is a Key Vault reference). Empty: the secret is left as it is.')
@secure()
param smtpPassword string = ''

@description('Most instances the function app scales out to (Flex Consumption allows up to 1000).')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory of each function app instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

var resourceToken = uniqueString(resourceGroup().id, environmentName)
var tags = {
  'azd-env-name': environmentName
}
var applicationInsightsName = 'appi-${resourceToken}'
var deploymentContainerName = 'app-package'
var smtpPasswordSecretName = 'smtp-password'
var unsubscribeKeySecretName = 'unsubscribe-key'
var webhookSecretName = 'webhook-secret'

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
    alertRetentionDays: alertRetentionDays
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: applicationInsightsName
    location: location
    tags: tags
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    name: 'kv-${resourceToken}'
    location: location
    tags: tags
    smtpPassword: smtpPassword
    smtpPasswordSecretName: smtpPasswordSecretName
    unsubscribeKey: unsubscribeKey
    unsubscribeKeySecretName: unsubscribeKeySecretName
    webhookSecret: webhookSecret
    webhookSecretName: webhookSecretName
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  // The app reads the Application Insights connection string from the component, by name.
  dependsOn: [
    monitoring
  ]
  params: {
    name: 'func-${resourceToken}'
    planName: 'plan-${resourceToken}'
    location: location
    tags: tags
    azdServiceName: 'functions'
    storageAccountName: storage.outputs.name
    storageBlobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerName: deploymentContainerName
    applicationInsightsName: applicationInsightsName
    keyVaultUri: keyVault.outputs.uri
    smtpPasswordSecretName: smtpPasswordSecretName
    unsubscribeKeySecretName: unsubscribeKeySecretName
    webhookSecretName: webhookSecretName
    newsWatchSchedule: newsWatchSchedule
    newsWatchDigestSchedule: newsWatchDigestSchedule
    publicUrl: publicUrl
    smtpHost: smtpHost
    smtpPort: smtpPort
    smtpTls: smtpTls
    smtpFrom: smtpFrom
    smtpUser: smtpUser
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  params: {
    // Known only once the app exists; it is part of each assignment's name, as it must be (an assignment cannot
    // change its principal), so What-If cannot predict these names. That is the price of a correct name.
    #disable-next-line what-if-short-circuiting
    principalId: functionApp.outputs.principalId
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_APP_HOST string = functionApp.outputs.defaultHostName
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.connectionString
