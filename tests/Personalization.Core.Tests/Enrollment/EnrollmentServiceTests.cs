using Personalization.Core.Domain;
using Personalization.Core.Enrollment;
using Personalization.Core.Ports;
using Personalization.TestSupport;

namespace Personalization.Core.Tests.Enrollment;

/// <summary>What enrolment keeps of the user's words and of what the models derived (issue 11, part B).</summary>
public sealed class EnrollmentServiceTests
{
    private static readonly OwnerId Alice = OwnerId.Parse("alice");

    /// <summary>The ImageNet classes' kinds, from the labels file the classifier reads (../shared's models).</summary>
    private static LabelKinds ImageNet => LabelKinds.FromImageNet(File.ReadAllLines(SharedData.Model("features/imagenet1k.txt")));

    [SharedFact]
    public async Task EnrollAsync_GoldenCorgiWithARedCollar_KeepsTheUsersWordsAndDropsWhatContradictsThem()
    {
        // What the models said of the reference photo, as in the report: the floor's colours and a cat's label among the breeds.
        var reasoner = new ProposingReasoner(
            new ProposedAttribute("dog", "detector"),
            new ProposedAttribute("Pembroke", "classifier"),
            new ProposedAttribute("tabby", "classifier"),
            new ProposedAttribute("silver", "color"),
            new ProposedAttribute("light grey", "color"),
            new ProposedAttribute("mustard", "color"));
        var index = new ListIndex();
        var service = new EnrollmentService(new OneRegionAnalyzer(), new CountingEncoder(), reasoner, index, TimeProvider.System, labelKinds: ImageNet);

        var outcome = await service.EnrollAsync(new EnrollmentRequest(
            Alice, ConceptName.Parse("bo"), "dog", "golden, red collar", [], [ImageSource.FromBytes("bo.jpg", new byte[] { 1, 2, 3 })]));

        var fingerprint = outcome.Concept!.Fingerprint.Select(f => (f.Text, f.Source)).ToList();
        Assert.Equal([("golden", "user"), ("red collar", "user"), ("dog", "user")], fingerprint.Take(3));
        Assert.DoesNotContain(fingerprint, f => f.Text is "silver" or "light grey" or "tabby");
        Assert.Contains(("Pembroke", "classifier"), fingerprint); // a dog breed: no contradiction of "dog"
        Assert.Contains(("mustard", "color"), fingerprint);      // of the family of "golden"
        Assert.Equal(outcome.Concept.Fingerprint.Count, outcome.Concept.Fingerprint.Select(f => f.Text).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [SharedFact]
    public async Task EnrollAsync_BreedAsCategory_DropsOtherBreedsAndKeepsColoursWhenTheUserNamedNone()
    {
        var reasoner = new ProposingReasoner(
            new ProposedAttribute("Pembroke", "classifier"),
            new ProposedAttribute("golden retriever", "classifier"),
            new ProposedAttribute("tan", "color"));
        var service = new EnrollmentService(new OneRegionAnalyzer(), new CountingEncoder(), reasoner, new ListIndex(), TimeProvider.System, labelKinds: ImageNet);

        var outcome = await service.EnrollAsync(new EnrollmentRequest(
            Alice, ConceptName.Parse("bo"), "corgi", null, [], [ImageSource.FromBytes("bo.jpg", new byte[] { 1 })]));

        var texts = outcome.Concept!.Fingerprint.Select(f => f.Text).ToList();
        Assert.Equal(["corgi", "Pembroke", "tan"], texts);
    }

    [SharedTheory]
    [InlineData("teapot", "Pembroke", "classifier", true)]
    [InlineData("teapot", "teapot", "classifier", false)]
    [InlineData("dog", "cat", "detector", true)]
    [InlineData("dog", "bath towel", "classifier", true)]
    [InlineData("stuffed animal", "Pembroke", "classifier", false)]
    [InlineData("object", "Pembroke", "classifier", false)]
    [InlineData("golden retriever", "Labrador retriever", "classifier", true)]
    public void Contradiction_LabelAgainstCategory(string category, string label, string source, bool contradicts)
    {
        var reason = AttributeAgreement.Contradiction(new ProposedAttribute(label, source), category, AttributeAgreement.UserTerms(category, null, []), ImageNet);

        Assert.Equal(contradicts, reason is not null);
    }

    [Fact]
    public void FromImageNet_KindsComeFromTheClassIndex_NotFromACopyOfTheList()
    {
        // 1000 lines in model order, as the labels file has them: 263 is a dog breed, 285 a cat, 849 an object.
        var lines = Enumerable.Range(0, 1000).Select(i => i switch
        {
            263 => "Pembroke, Pembroke Welsh corgi",
            285 => "Egyptian cat",
            849 => "teapot",
            _ => $"class {i}",
        }).ToList();
        var kinds = LabelKinds.FromImageNet(lines);

        Assert.True(kinds.Contradicts("Pembroke", "classifier", "teapot"));
        Assert.True(kinds.Contradicts("Egyptian cat", "classifier", "dog"));
        Assert.False(kinds.Contradicts("Pembroke", "classifier", "corgi"));
        Assert.False(LabelKinds.CocoOnly.Contradicts("Pembroke", "classifier", "teapot")); // unknown without the list
        Assert.True(LabelKinds.CocoOnly.Contradicts("cat", "detector", "dog"));
    }

    [Fact]
    public void UserTerms_DescriptionParts_AreAttributesAsWritten()
    {
        Assert.Equal(
            ["blue flowers", "golden", "red collar", "dog"],
            AttributeAgreement.UserTerms("dog", "golden, red collar.", ["blue flowers"]));
        Assert.Empty(AttributeAgreement.UserTerms("object", null, []));
    }

    private sealed class ProposingReasoner(params ProposedAttribute[] attributes) : IReasoner
    {
        public string Name => "proposing";

        public Task<FingerprintProposal> FingerprintAsync(FingerprintRequest request, CancellationToken cancellationToken = default) =>
            Task.FromResult(new FingerprintProposal(request.UserDescription ?? "a thing", attributes));

        public Task<AttributeReasoning> ReasonAsync(ReasoningRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<PairwiseJudgement> ComparePairAsync(PairwiseRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<CaptionResult> CaptionAsync(CaptionRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    private sealed class OneRegionAnalyzer : IImageAnalyzer
    {
        public string EncoderSpace => "test";

        public Task<IReadOnlyList<ImageAnalysisResult>> AnalyzeAsync(IReadOnlyList<ImageInput> images, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<ImageAnalysisResult>>([.. images.Select(i => ImageAnalysisResult.Success(i.Id, new ImageAnalysis(
                "hash-" + i.Id, 100, 100, [],
                [new ImageRegion(new BoundingBox(10, 10, 80, 80), "focus", null, 1f, [1, 0], [1, 0], [], [])],
                [], null, new ReferenceFocus(new BoundingBox(10, 10, 80, 80), ReferenceFocus.Detector, "dog"))))]);
    }

    private sealed class CountingEncoder : ITextEncoder
    {
        public int Dimension => 2;

        public string Identity => "test";

        public Task<float[][]> EncodeAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) =>
            Task.FromResult(texts.Select(_ => new float[] { 0, 1 }).ToArray());
    }

    private sealed class ListIndex : IConceptIndex
    {
        private readonly List<Concept> _concepts = [];

        public Task UpsertAsync(IReadOnlyList<Concept> concepts, CancellationToken cancellationToken = default)
        {
            foreach (var c in concepts)
            {
                _concepts.RemoveAll(x => x.Name.Equals(c.Name));
                _concepts.Add(c);
            }

            return Task.CompletedTask;
        }

        public Task<bool> DeleteAsync(OwnerId owner, ConceptName name, CancellationToken cancellationToken = default) =>
            Task.FromResult(_concepts.RemoveAll(x => x.Name.Equals(name)) > 0);

        public Task<IReadOnlyList<Concept>> ListAsync(OwnerId owner, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<Concept>>([.. _concepts]);

        public Task<IReadOnlyList<IReadOnlyList<VectorHit>>> SearchAsync(OwnerId owner, IReadOnlyList<VectorQuery> queries, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }
}
