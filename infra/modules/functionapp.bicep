// The Functions app on Azure Container Apps: a managed environment with a serverless GPU workload profile, and the
// function app as a container app of kind 'functionapp' (the Microsoft.App resource; the Functions host runs inside the
// image) on that profile. Every setting names an endpoint; the identity's client id tells DefaultAzureCredential, the
// host and the KEDA scalers which identity to use.
//
// Scaling: Durable Functions on the Azure Storage backend is not scaled by the platform's trigger-generated rules (only
// the MSSQL and Durable Task Scheduler backends are), so the rules are this app's own (allowScalingRuleOverride): the two
// request queues and the task hub's work-item and control queues, each by length, read with the app's identity; and at
// least minReplicas replicas stay up (1 by default: an orchestration whose replica scaled to zero waits for the next
// queue message to wake one).
param name string
param location string
param identityId string
param identityClientId string

@description('The image to run; empty for the placeholder image until the app\'s own has been pushed (see infra/README.md).')
param image string
param registryServer string
param gpuProfileType string
param logAnalyticsWorkspaceName string
param appInsightsConnectionString string
param storageAccountName string
param searchEndpoint string
param serviceBusNamespace string

@description('The durable task hub (letters and digits, 3-45, starting with a letter); its queues are named after it.')
param taskHubName string

@minValue(0)
param minReplicas int

@minValue(1)
param maxReplicas int

@description('Messages per replica before KEDA adds one, for each queue it watches.')
@minValue(1)
param queueLengthPerReplica int

// The public quick-start image of Azure Functions on Container Apps: the app exists (and its identity can be granted
// AcrPull) before the real image is built into the registry.
var placeholderImage = 'mcr.microsoft.com/azure-functions/dotnet8-quickstart-demo:1.0'
var hub = toLower(taskHubName)

// The Azure Storage backend's queues: activity work items in one, orchestration messages in four partitions.
var scaledQueues = [
  { rule: 'bulk-requests', queue: 'bulk-requests' }
  { rule: 'preference-requests', queue: 'preference-requests' }
  { rule: 'durable-workitems', queue: '${hub}-workitems' }
  { rule: 'durable-control-00', queue: '${hub}-control-00' }
  { rule: 'durable-control-01', queue: '${hub}-control-01' }
  { rule: 'durable-control-02', queue: '${hub}-control-02' }
  { rule: 'durable-control-03', queue: '${hub}-control-03' }
]

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: logAnalyticsWorkspaceName
}

resource environment 'Microsoft.App/managedEnvironments@2025-07-01' = {
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

resource app 'Microsoft.App/containerApps@2026-03-02-preview' = {
  name: name
  location: location
  kind: 'functionapp'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    environmentId: environment.id
    workloadProfileName: 'gpu'
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: 80
        transport: 'auto'
      }
      registries: [
        {
          server: registryServer
          identity: identityId
        }
      ]
    }
    template: {
      containers: [
        {
          name: 'functions'
          image: empty(image) ? placeholderImage : '${registryServer}/${image}'
          resources: {
            cpu: json('8')
            memory: '56Gi'
          }
          env: [
            { name: 'FUNCTIONS_WORKER_RUNTIME', value: 'dotnet-isolated' }
            { name: 'AzureWebJobsStorage__accountName', value: storageAccountName }
            { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
            { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
            { name: 'AzureFunctionsJobHost__extensions__durableTask__hubName', value: taskHubName }
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
      ]
      scale: {
        // The Bicep CLI's type index does not have this property yet (API 2026-03-02-preview); ARM accepts it.
        #disable-next-line BCP037
        allowScalingRuleOverride: true
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        rules: [for q in scaledQueues: {
          name: q.rule
          custom: {
            type: 'azure-queue'
            identity: identityId
            metadata: {
              accountName: storageAccountName
              queueName: q.queue
              queueLength: string(queueLengthPerReplica)
            }
          }
        }]
      }
    }
  }
}

output name string = app.name
output defaultHostName string = app.properties.configuration.ingress.fqdn
