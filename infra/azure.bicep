// Rampart on Azure: a user-assigned managed identity is the bot's identity (no bot password
// anywhere), runs the Linux App Service (Node 20), and reads secrets from a Key Vault that
// uses RBAC. Outputs are written back to env/.env.<env> by `teamsapp provision`.

@maxLength(20)
@minLength(4)
@description('Base name for every resource; letters and digits (rampart + RESOURCE_SUFFIX).')
param resourceBaseName string

@description('App Service plan SKU. B1 is the smallest with Always On, which the incident poller needs.')
param webAppSKU string = 'B1'

@maxLength(42)
@description('The bot name shown in Teams.')
param botDisplayName string = 'Rampart'

param location string = resourceGroup().location

@description('Tenant of the Defender XDR / Graph app registration (empty: set later).')
param defenderTenantId string = ''

@description('App (client) id Rampart and its playbooks use for Defender and Graph (empty: set later). Its secret goes in Key Vault as "client-secret".')
param defenderClientId string = ''

@description('Conversation id of the SOC channel that receives incident notifications (empty: learned on install).')
param socChannelId string = ''

@description('Comma-separated Entra object ids or UPNs allowed to approve playbooks and actions.')
param approvers string = ''

@description('Team roles whose holders may approve, in the team the SOC channel belongs to ("owner", or empty).')
param approverTeamRoles string = ''

@description('Send traces and metrics to Application Insights (Azure Monitor OpenTelemetry).')
param enableTelemetry bool = true

var identityName = '${resourceBaseName}-id'
var planName = '${resourceBaseName}-plan'
var webAppName = resourceBaseName
// Key Vault names: 3-24 characters, letters, digits and dashes, starting with a letter.
var keyVaultName = take('${resourceBaseName}-kv', 24)
// Built-in role "Key Vault Secrets User": read secret contents, nothing else.
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'
var workspaceName = '${resourceBaseName}-logs'
var appInsightsName = '${resourceBaseName}-ai'

// Telemetry: a workspace-based Application Insights; Rampart reads its connection string from
// APPLICATIONINSIGHTS_CONNECTION_STRING (traces: webhook -> notification -> run -> approval ->
// Defender call; metrics: rampart.incidents, rampart.approvals, rampart.actions, rampart.failures).
resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = if (enableTelemetry) {
  name: workspaceName
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = if (enableTelemetry) {
  name: appInsightsName
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'Node.JS'
    WorkspaceResourceId: logs.id
  }
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: identityName
  location: location
}

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, identity.id, keyVaultSecretsUserRoleId)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-01-01' = {
  name: planName
  location: location
  kind: 'linux'
  sku: {
    name: webAppSKU
  }
  properties: {
    reserved: true
  }
}

resource webApp 'Microsoft.Web/sites@2023-01-01' = {
  name: webAppName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      appCommandLine: 'npm run serve'
      alwaysOn: true
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      http20Enabled: true
      healthCheckPath: '/healthz'
      appSettings: [
        { name: 'WEBSITE_RUN_FROM_PACKAGE', value: '1' }
        { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'false' }
        // /home is the App Service persistent share: the SQLite database survives restarts.
        { name: 'WEBSITES_ENABLE_APP_SERVICE_STORAGE', value: 'true' }
        { name: 'PORT', value: '8080' }
        { name: 'WEBSITES_PORT', value: '8080' }
        { name: 'DATA_DIR', value: '/home/data/rampart' }
        { name: 'LOG_LEVEL', value: 'info' }
        { name: 'LOG_FORMAT', value: 'json' }
        { name: 'BOT_ID', value: identity.properties.clientId }
        { name: 'BOT_TENANT_ID', value: identity.properties.tenantId }
        { name: 'BOT_TYPE', value: 'UserAssignedMsi' }
        // DefaultAzureCredential picks the user-assigned identity through AZURE_CLIENT_ID.
        { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
        { name: 'KEY_VAULT_URL', value: keyVault.properties.vaultUri }
        { name: 'PUBLIC_BASE_URL', value: 'https://${webAppName}.azurewebsites.net' }
        { name: 'TENANT_ID', value: defenderTenantId }
        { name: 'CLIENT_ID', value: defenderClientId }
        { name: 'SOC_CHANNEL_ID', value: socChannelId }
        { name: 'APPROVERS', value: approvers }
        { name: 'APPROVER_TEAM_ROLES', value: approverTeamRoles }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: enableTelemetry ? appInsights.properties.ConnectionString : '' }
        { name: 'RUNNING_ON_AZURE', value: '1' }
      ]
    }
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: resourceBaseName
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: 'F0'
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppId: identity.properties.clientId
    msaAppMSIResourceId: identity.id
    msaAppTenantId: identity.properties.tenantId
    msaAppType: 'UserAssignedMSI'
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}

output BOT_ID string = identity.properties.clientId
output BOT_TENANT_ID string = identity.properties.tenantId
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_MANAGED_IDENTITY_RESOURCE_ID string = identity.id
output KEY_VAULT_URL string = keyVault.properties.vaultUri
output KEY_VAULT_NAME string = keyVault.name
output APPLICATIONINSIGHTS_NAME string = enableTelemetry ? appInsights.name : ''
