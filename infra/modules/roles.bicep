// What the function app's managed identity may do, as one role map and one loop over it.
//
// The assignments are made at the resource group's scope. Bicep cannot choose a different scope per loop
// item (a storage account for some roles, the vault for another: BCP420), so resource-level scopes would
// need one copied block per scope. The resource group holds only this deployment's resources (azd makes
// rg-<env>; deploy by hand into a group of its own too), so the group scope grants no more than that.

@description('Principal id of the function app\'s system-assigned identity.')
param principalId string

// Built-in role definition ids (the same in every tenant).
var roleMap = {
  // Blobs: the alerts and config containers, the host's timer leases, the Flex deployment package.
  'Storage Blob Data Owner': 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  // Queues: scan-requests and alerts, their -poison queues; the queue triggers.
  'Storage Queue Data Contributor': '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  // Table: newswatchstate.
  'Storage Table Data Contributor': '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  // Key Vault reference of NEWSWATCH_SMTP_PASSWORD.
  'Key Vault Secrets User': '4633458b-17de-408a-b874-0445c86b69e6'
  // Application Insights with Entra ID authentication (APPLICATIONINSIGHTS_AUTHENTICATION_STRING).
  'Monitoring Metrics Publisher': '3913510d-42f4-4e42-8a64-420c390055eb'
}

resource assignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in items(roleMap): {
    name: guid(resourceGroup().id, principalId, role.value)
    properties: {
      description: 'NewsWatch function app: ${role.key}'
      principalId: principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.value)
    }
  }
]

output roleDefinitionIds array = [for role in items(roleMap): role.value]
