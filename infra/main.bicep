// Personalize on Azure: storage (containers, queues), Azure AI Search, Service Bus, Application Insights, a container
// registry, and the Functions app on Azure Container Apps with a serverless GPU workload profile for detection and
// embedding. One user-assigned managed identity holds every data-plane role: no keys or connection strings in settings.
targetScope = 'resourceGroup'

@description('Short name used in every resource name (lower-case letters and digits).')
@minLength(3)
@maxLength(11)
param name string = 'personalize'

param location string = resourceGroup().location

@description('The functions image in the registry, e.g. personalize-functions:1.0 (built from functions/Dockerfile into the registry this creates). Empty on the first deployment: the app then runs a public placeholder image until a second deployment names the real one.')
param image string = ''

@description('The durable task hub (letters and digits, starting with a letter): one per app sharing a storage account.')
@minLength(3)
@maxLength(45)
param taskHubName string = 'PersonalizationHub'

@description('Replicas kept running: at least 1 with the Azure Storage durable backend, which the platform does not scale from zero.')
@minValue(0)
param minReplicas int = 1

@minValue(1)
@maxValue(1000)
param maxReplicas int = 10

@description('Queue messages per replica before another is added (request queues and the task hub\'s queues).')
@minValue(1)
param queueLengthPerReplica int = 16

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
    image: image
    registryServer: registry.outputs.loginServer
    gpuProfileType: gpuProfileType
    logAnalyticsWorkspaceName: monitoring.outputs.workspaceName
    appInsightsConnectionString: monitoring.outputs.connectionString
    storageAccountName: storage.outputs.accountName
    searchEndpoint: search.outputs.endpoint
    serviceBusNamespace: serviceBus.outputs.fullyQualifiedNamespace
    taskHubName: taskHubName
    minReplicas: minReplicas
    maxReplicas: maxReplicas
    queueLengthPerReplica: queueLengthPerReplica
  }
}

output functionAppName string = functions.outputs.name
output functionAppHost string = functions.outputs.defaultHostName
output registryLoginServer string = registry.outputs.loginServer
output storageAccountName string = storage.outputs.accountName
output searchEndpoint string = search.outputs.endpoint
output taskHubName string = taskHubName
