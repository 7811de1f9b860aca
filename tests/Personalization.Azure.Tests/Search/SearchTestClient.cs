using Azure.Core.Pipeline;
using Azure.Search.Documents;
using Azure.Search.Documents.Indexes;
using Personalization.Azure.Search;
using Personalization.TestSupport.Search;

namespace Personalization.Azure.Tests.Search;

/// <summary>The real <c>Azure.Search.Documents</c> index client for a loopback <see cref="FakeSearchServer"/>, trusting exactly its certificate.</summary>
internal static class SearchTestClient
{
    /// <summary>Settings for 3-d vectors, small upload batches and one retry, pointed at <paramref name="server"/>.</summary>
    public static SearchServiceOptions Options(FakeSearchServer server) =>
        new() { Endpoint = server.BaseUri, ApiKey = "test-key", ImageDimensions = 3, TextDimensions = 3, UploadBatchSize = 2, MaxRetries = 1 };

    public static SearchIndexClient Indexes(FakeSearchServer server, SearchServiceOptions options)
    {
        var thumbprint = server.Certificate.GetCertHashString();
        var clientOptions = new SearchClientOptions
        {
            // Trust exactly the test server's self-signed certificate.
            Transport = new HttpClientTransport(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert?.GetCertHashString() == thumbprint }),
        };
        return SearchHostExtensions.CreateIndexClient(options, new NoCredential(), clientOptions);
    }
}
