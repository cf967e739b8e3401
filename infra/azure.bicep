// Rampart on Azure: a user-assigned managed identity is the bot's identity (no bot password
// anywhere), runs the Linux App Service (Node 20) on two or more instances, keeps every piece
// of state in Azure Database for PostgreSQL Flexible Server (the instances share it: dedupe,
// claims and the poller's lock are in the database), and reads secrets from a Key Vault that
// uses RBAC (the PostgreSQL connection string is the Key Vault secret "database-url").
// Outputs are written back to env/.env.<env> by `teamsapp provision`.

@maxLength(20)
@minLength(4)
@description('Base name for every resource; letters and digits (rampart + RESOURCE_SUFFIX).')
param resourceBaseName string

@description('App Service plan SKU. B1 is the smallest with Always On, which the incident poller needs, and scales out to 3 instances; P0v3 and up to 30.')
param webAppSKU string = 'B1'

@minValue(2)
@maxValue(30)
@description('How many instances of Rampart run behind the Bot Service (availability and bursts); they share PostgreSQL.')
param instanceCount int = 2

@description('PostgreSQL Flexible Server compute tier and SKU (Burstable B1ms is enough for one SOC).')
param postgresSku object = {
  name: 'Standard_B1ms'
  tier: 'Burstable'
}

@description('PostgreSQL administrator login.')
param postgresAdminLogin string = 'rampart'

@secure()
@minLength(16)
@description('PostgreSQL administrator password; it only ever lands in the Key Vault secret "database-url" (set from env/.env.<env>.user as SECRET_POSTGRES_PASSWORD).')
param postgresAdminPassword string

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
var postgresName = '${resourceBaseName}-pg'
var databaseName = 'rampart'
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

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2022-12-01' = {
  name: postgresName
  location: location
  sku: postgresSku
  properties: {
    version: '16'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    storage: {
      storageSizeGB: 32
    }
    backup: {
      backupRetentionDays: 7
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: {
      mode: 'Disabled'
    }
    authConfig: {
      activeDirectoryAuth: 'Disabled'
      passwordAuth: 'Enabled'
    }
  }
}

resource postgresDatabase 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2022-12-01' = {
  parent: postgres
  name: databaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

// App Service reaches the server over its public endpoint from Azure's outbound addresses
// (0.0.0.0 is Azure's "allow Azure services" rule); TLS is required by the connection string.
resource postgresFromAzure 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2022-12-01' = {
  parent: postgres
  name: 'AllowAzureServices'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

// DATABASE_URL is a secret setting: Rampart reads it from Key Vault as "database-url" at start-up.
resource databaseUrlSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'database-url'
  properties: {
    value: 'postgres://${postgresAdminLogin}:${uriComponent(postgresAdminPassword)}@${postgres.properties.fullyQualifiedDomainName}:5432/${databaseName}?sslmode=require'
    contentType: 'PostgreSQL connection string'
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-01-01' = {
  name: planName
  location: location
  kind: 'linux'
  sku: {
    name: webAppSKU
    capacity: instanceCount
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
  // The instances read DATABASE_URL from Key Vault when they start.
  dependsOn: [
    databaseUrlSecret
    postgresDatabase
    postgresFromAzure
  ]
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
        // State lives in PostgreSQL (DATABASE_URL from Key Vault); /home keeps only scratch files.
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
output POSTGRES_HOST string = postgres.properties.fullyQualifiedDomainName
output INSTANCE_COUNT int = instanceCount
