// Key Vault for the SMTP password. Access is Azure RBAC only (no access policies); the function app reads the
// secret through a Key Vault reference in its app settings, as its managed identity (roles.bicep).

@description('Key Vault name (3-24 letters, digits and hyphens, globally unique).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags for the vault.')
param tags object

@description('The SMTP password. Empty: the secret is left as it is (set it later with az keyvault secret set).')
@secure()
param smtpPassword string

@description('Name of the secret that holds the SMTP password.')
param smtpPasswordSecretName string

@description('The unsubscribe token key. Empty: the secret is left as it is (set it with az keyvault secret set).')
@secure()
param unsubscribeKey string = ''

@description('Name of the secret that holds the unsubscribe token key.')
param unsubscribeKeySecretName string = 'unsubscribe-key'

@description('The key that signs webhook posts. Empty: the secret is left as it is (set it with az keyvault secret set).')
@secure()
param webhookSecret string = ''

@description('Name of the secret that holds the webhook signing key.')
param webhookSecretName string = 'webhook-secret'

@description('Days a deleted vault or secret can be recovered.')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int = 7

@description('Purge protection cannot be turned off again once on; off by default so that a test environment can be purged.')
param enablePurgeProtection bool = false

resource vault 'Microsoft.KeyVault/vaults@2026-05-15' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    // The API accepts true or no value, never false.
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
  }
}

// Written only when a password is given, so that a later deployment without NEWSWATCH_SMTP_PASSWORD does not
// blank a password someone set by hand.
resource smtpPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' = if (!empty(smtpPassword)) {
  parent: vault
  name: smtpPasswordSecretName
  properties: {
    value: smtpPassword
    contentType: 'text/plain'
  }
}

// Like the SMTP password: written only when given, so a redeployment never rotates (and so voids) the links sent.
resource unsubscribeKeySecret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' = if (!empty(unsubscribeKey)) {
  parent: vault
  name: unsubscribeKeySecretName
  properties: {
    value: unsubscribeKey
    contentType: 'text/plain'
  }
}

// Written only when given, like the others: a redeployment never changes the key receivers verify with.
resource webhookSecretValue 'Microsoft.KeyVault/vaults/secrets@2026-05-15' = if (!empty(webhookSecret)) {
  parent: vault
  name: webhookSecretName
  properties: {
    value: webhookSecret
    contentType: 'text/plain'
  }
}

output name string = vault.name
output id string = vault.id
@description('Vault URI with a trailing slash, e.g. https://kv-xyz.vault.azure.net/.')
output uri string = vault.properties.vaultUri
