// The Functions app on Azure Container Apps: a managed environment with a serverless GPU workload profile, and the
// function app (a Microsoft.Web/sites resource placed in that environment) running the CUDA image on it. Every
// setting names an endpoint; the identity's client id tells DefaultAzureCredential and the host which identity to use.
param name string
param location string
param identityId string
param identityClientId string
param image string
param registryServer string
param gpuProfileType string
param logAnalyticsWorkspaceName string
param appInsightsConnectionString string
param storageAccountName string
param searchEndpoint string
param serviceBusNamespace string

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: logAnalyticsWorkspaceName
}

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: '${name}-env'
  location: location
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: workspace.properties.customerId
        sharedKey: workspace.listKeys().primarySharedKey
      }
    }
    workloadProfiles: [
      {
        name: 'Consumption'
        workloadProfileType: 'Consumption'
      }
      {
        name: 'gpu'
        workloadProfileType: gpuProfileType
      }
    ]
  }
}

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: name
  location: location
  kind: 'functionapp,linux,container,azurecontainerapps'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    managedEnvironmentId: environment.id
    workloadProfileName: 'gpu'
    resourceConfig: {
      cpu: 8
      memory: '56Gi'
    }
    siteConfig: {
      linuxFxVersion: 'DOCKER|${image}'
      acrUseManagedIdentityCreds: true
      acrUserManagedIdentityID: identityClientId
      appSettings: [
        { name: 'FUNCTIONS_EXTENSION_VERSION', value: '~4' }
        { name: 'FUNCTIONS_WORKER_RUNTIME', value: 'dotnet-isolated' }
        { name: 'DOCKER_REGISTRY_SERVER_URL', value: 'https://${registryServer}' }
        { name: 'AzureWebJobsStorage__accountName', value: storageAccountName }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
        { name: 'AZURE_CLIENT_ID', value: identityClientId }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsightsConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identityClientId};Authorization=AAD' }
        { name: 'Storage__BlobServiceUri', value: 'https://${storageAccountName}.blob.${az.environment().suffixes.storage}' }
        { name: 'Storage__QueueServiceUri', value: 'https://${storageAccountName}.queue.${az.environment().suffixes.storage}' }
        { name: 'Search__Endpoint', value: searchEndpoint }
        { name: 'ServiceBus__FullyQualifiedNamespace', value: serviceBusNamespace }
        { name: 'Models__ExecutionProvider', value: 'cuda' }
        { name: 'Models__Directories__0', value: '/models' }
        { name: 'Bulk__BatchSize', value: '32' }
      ]
    }
  }
}

output name string = app.name
output defaultHostName string = app.properties.defaultHostName
