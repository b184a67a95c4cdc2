// Azure resources for Rapportboten (m365agents.yml, `provision`): a Linux App
// Service running Node 20, a user-assigned managed identity that is the bot's
// identity (no client secret to rotate), and the Azure Bot registration with
// the Microsoft Teams channel. The outputs are written to env/.env.<env>.
//
// Data: without DATABASE_URL the bot keeps its embedded store under /home
// (persistent on App Service) — one instance only. For several instances set
// DATABASE_URL (Azure Database for PostgreSQL) in the app's settings.

@maxLength(20)
@minLength(4)
@description('Prefix of every resource name; the web app is <name>.azurewebsites.net, so it must be unique')
param resourceBaseName string

@description('App Service plan SKU; B1 or higher (Always On keeps the bot warm)')
param webAppSku string = 'B1'

@maxLength(42)
param botDisplayName string

@description('Client id of the Entra app the bot calls Graph with (indicator collection), if any')
param graphClientId string = ''

param location string = resourceGroup().location

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: resourceBaseName
  location: location
}

resource serverfarm 'Microsoft.Web/serverfarms@2023-01-01' = {
  name: resourceBaseName
  location: location
  kind: 'linux'
  sku: {
    name: webAppSku
  }
  properties: {
    reserved: true
  }
}

resource webApp 'Microsoft.Web/sites@2023-01-01' = {
  name: resourceBaseName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: serverfarm.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      appCommandLine: 'node dist/bot/main.js'
      alwaysOn: true
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      healthCheckPath: '/health'
      appSettings: [
        { name: 'WEBSITE_RUN_FROM_PACKAGE', value: '1' }
        { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'false' }
        { name: 'NODE_ENV', value: 'production' }
        { name: 'PGLITE_DIR', value: '/home/data/pglite' }
        { name: 'MicrosoftAppType', value: 'UserAssignedMSI' }
        { name: 'MicrosoftAppId', value: identity.properties.clientId }
        { name: 'MicrosoftAppTenantId', value: identity.properties.tenantId }
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
    msaAppType: 'UserAssignedMSI'
    msaAppId: identity.properties.clientId
    msaAppMSIResourceId: identity.id
    msaAppTenantId: identity.properties.tenantId
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

// the Teams manifest's bots[0].botId and webApplicationInfo.id
output BOT_ID string = identity.properties.clientId
output GRAPH_APP_ID string = empty(graphClientId) ? identity.properties.clientId : graphClientId
output BOT_TENANT_ID string = identity.properties.tenantId
output BOT_DOMAIN string = webApp.properties.defaultHostName
output AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
