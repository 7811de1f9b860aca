using Azure.Search.Documents.Indexes.Models;

namespace Personalization.Azure.Search;

/// <summary>
/// The index schemas. Concepts: one <c>concept</c> document per concept (name, category, description searchable;
/// description text vector; the whole concept as a stored payload) and one <c>region</c> document per reference
/// region (image vector), all with <c>owner</c> filterable. Images: one document per uploaded image, with the keys of the concepts recognised in it (filterable) and those concepts
/// (name, confidence, box) as a stored JSON payload.
/// Vector fields use HNSW with cosine, sized from the options.
/// </summary>
internal static class SearchSchemas
{
    public const string ImageProfile = "hnsw-image";
    public const string TextProfile = "hnsw-text";

    public static SearchIndex Concepts(SearchServiceOptions options) => new(options.ConceptIndex)
    {
        Fields =
        {
            new SimpleField("id", SearchFieldDataType.String) { IsKey = true },
            new SimpleField("owner", SearchFieldDataType.String) { IsFilterable = true },
            new SimpleField("concept", SearchFieldDataType.String) { IsFilterable = true },
            new SimpleField("kind", SearchFieldDataType.String) { IsFilterable = true },
            new SearchableField("name"),
            new SearchableField("category") { IsFilterable = true },
            new SearchableField("description"),
            new SimpleField("regionIndex", SearchFieldDataType.Int32),
            new SimpleField("payload", SearchFieldDataType.String),
            Vector("imageVector", options.ImageDimensions, ImageProfile),
            Vector("textVector", options.TextDimensions, TextProfile),
        },
        VectorSearch = VectorSearch(),
    };

    public static SearchIndex Images(SearchServiceOptions options) => new(options.ImageIndex)
    {
        Fields =
        {
            new SimpleField("id", SearchFieldDataType.String) { IsKey = true },
            new SimpleField("owner", SearchFieldDataType.String) { IsFilterable = true },
            new SimpleField("contentHash", SearchFieldDataType.String) { IsFilterable = true },
            new SimpleField("path", SearchFieldDataType.String),
            new SearchableField("labels", collection: true) { IsFilterable = true },
            new SimpleField("conceptKeys", SearchFieldDataType.Collection(SearchFieldDataType.String)) { IsFilterable = true },
            new SimpleField("concepts", SearchFieldDataType.String),
            Vector("imageVector", options.ImageDimensions, ImageProfile),
            Vector("textVector", options.TextDimensions, TextProfile),
        },
        VectorSearch = VectorSearch(),
    };

    private static VectorSearchField Vector(string name, int dimensions, string profile) => new(name, dimensions, profile);

    private static VectorSearch VectorSearch() => new()
    {
        Algorithms = { new HnswAlgorithmConfiguration("hnsw") { Parameters = new HnswParameters { Metric = VectorSearchAlgorithmMetric.Cosine, M = 8, EfConstruction = 400, EfSearch = 200 } } },
        Profiles = { new VectorSearchProfile(ImageProfile, "hnsw"), new VectorSearchProfile(TextProfile, "hnsw") },
    };
}
