// Personalize on Azure: storage (containers, queues), Azure AI Search, Service Bus, Application Insights, a container
// registry, and the Functions app on Azure Container Apps with a serverless GPU workload profile for detection and
// embedding. One user-assigned managed identity holds every data-plane role: no keys or connection strings in settings.
targetScope = 'resourceGroup'

@description('Short name used in every resource name (lower-case letters and digits).')
@minLength(3)
@maxLength(11)
param name string = 'personalize'

param location string = resourceGroup().location

@description('The functions image in the registry, e.g. personalize-functions:1.0 (build it from functions/Dockerfile).')
param image string = 'personalize-functions:latest'

@description('Serverless GPU profile type for the detection/embedding image.')
@allowed([
  'Consumption-GPU-NC8as-T4'
  'Consumption-GPU-NC24-A100'
])
param gpuProfileType string = 'Consumption-GPU-NC8as-T4'

@description('Azure AI Search tier (basic or above has vector search with HNSW).')
@allowed([
  'basic'
  'standard'
])
param searchSku string = 'basic'

var suffix = uniqueString(resourceGroup().id, name)

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${name}-id-${suffix}'
  location: location
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: take('${name}st${suffix}', 24)
    location: location
    principalId: identity.properties.principalId
  }
}

module search 'modules/search.bicep' = {
  name: 'search'
  params: {
    name: '${name}-search-${suffix}'
    location: location
    sku: searchSku
    principalId: identity.properties.principalId
  }
}

module serviceBus 'modules/servicebus.bicep' = {
  name: 'servicebus'
  params: {
    name: '${name}-sb-${suffix}'
    location: location
    principalId: identity.properties.principalId
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    name: '${name}-${suffix}'
    location: location
    principalId: identity.properties.principalId
  }
}

module registry 'modules/registry.bicep' = {
  name: 'registry'
  params: {
    name: take('${name}acr${suffix}', 50)
    location: location
    principalId: identity.properties.principalId
  }
}

module functions 'modules/functionapp.bicep' = {
  name: 'functions'
  params: {
    name: '${name}-func-${suffix}'
    location: location
    identityId: identity.id
    identityClientId: identity.properties.clientId
    image: '${registry.outputs.loginServer}/${image}'
    registryServer: registry.outputs.loginServer
    gpuProfileType: gpuProfileType
    logAnalyticsWorkspaceName: monitoring.outputs.workspaceName
    appInsightsConnectionString: monitoring.outputs.connectionString
    storageAccountName: storage.outputs.accountName
    searchEndpoint: search.outputs.endpoint
    serviceBusNamespace: serviceBus.outputs.fullyQualifiedNamespace
  }
}

output functionAppName string = functions.outputs.name
output functionAppHost string = functions.outputs.defaultHostName
output registryLoginServer string = registry.outputs.loginServer
output storageAccountName string = storage.outputs.accountName
output searchEndpoint string = search.outputs.endpoint
