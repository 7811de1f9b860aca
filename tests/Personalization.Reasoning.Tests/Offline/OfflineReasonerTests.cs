using Microsoft.Extensions.Options;
using Personalization.Core.Domain;
using Personalization.TestSupport;
using Personalization.Core.Enrollment;
using Personalization.Core.Metrics;
using Personalization.Core.Ports;
using Personalization.Core.Recognition;
using Personalization.Reasoning.Offline;
using static Personalization.Reasoning.Tests.Offline.Scenes;

namespace Personalization.Reasoning.Tests.Offline;

public sealed class OfflineReasonerTests(MiniLmFixture miniLm) : IClassFixture<MiniLmFixture>
{
    private readonly OfflineReasoner _reasoner = new(miniLm.Encoder, Options.Create(new RecognitionOptions()));

    [Fact]
    public void Name_IsOffline()
    {
        Assert.Equal("offline", _reasoner.Name);
    }

    [Fact]
    public async Task CaptionAsync_NoConcepts_IsLongEnoughAndNamesNobody()
    {
        foreach (var image in new[] { Bare(), Park() })
        {
            var caption = (await _reasoner.CaptionAsync(new CaptionRequest(image, []))).Text;

            Assert.True(caption.Length >= CaptionMetric.MinimumCaptionLength, caption);
            Assert.DoesNotContain('<', caption);
            Assert.Equal(1, CaptionMetric.IdentityReward(caption, []));
        }
    }

    [Fact]
    public async Task CaptionAsync_OneConceptOnABareImage_NamesItAndEarnsTheFullReward()
    {
        var bo = Concept("bo", fingerprint: [new FingerprintAttribute("red collar", "user", new[] { 1f, 0f, 0f }), new FingerprintAttribute("dog", "user", new[] { 1f, 0f, 0f })]);

        var caption = (await _reasoner.CaptionAsync(new CaptionRequest(Bare(), [new RecognizedConcept(bo, null, 0.8f)]))).Text;

        Assert.StartsWith("A photo of <bo>, your dog (red collar).", caption, StringComparison.Ordinal); // the category once

        Assert.True(caption.Length >= CaptionMetric.MinimumCaptionLength, caption);
        Assert.Contains("<bo>", caption, StringComparison.Ordinal);
        Assert.Contains("red collar", caption, StringComparison.Ordinal);
        Assert.Equal(1, CaptionMetric.IdentityReward(caption, ["bo"]));
        Assert.Equal(new CaptionTally(1, 0, 0), CaptionMetric.Score(caption, ["<bo>"], ["bo", "mochi"]));
    }

    [Fact]
    public async Task CaptionAsync_TwoConcepts_NamesBothAndTheScene()
    {
        var bo = Concept("bo");
        var mochi = Concept("Mochi", category: "teapot");

        var caption = (await _reasoner.CaptionAsync(new CaptionRequest(Park(), [new RecognizedConcept(bo, null, 0.8f), new RecognizedConcept(mochi, null, 0.7f)]))).Text;

        Assert.True(caption.Length >= CaptionMetric.MinimumCaptionLength, caption);
        Assert.Contains("<bo>", caption, StringComparison.Ordinal);
        Assert.Contains("<Mochi>", caption, StringComparison.Ordinal);
        Assert.Contains("2 people", caption, StringComparison.Ordinal);

        // The park's one dog is <bo>, a dog recognised without a box: the most confident detection of its category is <bo> itself.
        Assert.DoesNotContain("a dog", caption, StringComparison.Ordinal);
        Assert.Equal(1, CaptionMetric.IdentityReward(caption, ["<bo>", "<mochi>"]));
        Assert.Equal(new CaptionTally(2, 0, 0), CaptionMetric.Score(caption, ["bo", "mochi"], ["bo", "mochi", "kiki"]));
    }

    [Fact]
    public async Task CaptionAsync_ThreeConcepts_NamesAllWithSeparators()
    {
        RecognizedConcept[] concepts = [.. new[] { "bo", "mr.whiskers", "kiki-2" }.Select(n => new RecognizedConcept(Concept(n), null, 0.9f))];

        var caption = (await _reasoner.CaptionAsync(new CaptionRequest(Bare(), concepts))).Text;

        Assert.StartsWith("A photo of <bo>, your dog, <mr.whiskers>, your dog and <kiki-2>, your dog.", caption, StringComparison.Ordinal);
        Assert.Equal(1, CaptionMetric.IdentityReward(caption, ["bo", "mr.whiskers", "kiki-2"]));
    }

    [Fact]
    public async Task CaptionAsync_TheDetectionThatIsTheConcept_IsNotAnotherThingInTheScene()
    {
        // <bo>, a dog, was recognised at its box; the detector saw a dog there (IoU 0.8) and the person holding it (IoU 1).
        var bo = Concept("bo");
        var image = Analysis(
            [Region()],
            [
                new Detection(new BoundingBox(100, 100, 200, 160), 16, "dog", 0.9f, 0.9f),
                new Detection(new BoundingBox(100, 100, 200, 200), 0, "person", 0.85f, 0.9f),
                new Detection(new BoundingBox(350, 250, 200, 150), 60, "diningtable", 0.8f, 0.9f),
            ]);

        var caption = (await _reasoner.CaptionAsync(new CaptionRequest(image, [new RecognizedConcept(bo, new BoundingBox(100, 100, 200, 200), 0.8f)]))).Text;

        Assert.DoesNotContain("a dog", caption, StringComparison.Ordinal);
        Assert.Contains("The scene also shows a person and a dining table.", caption, StringComparison.Ordinal);
        Assert.DoesNotContain("diningtable", caption, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CaptionAsync_ASecondDogElsewhere_IsStillInTheScene()
    {
        var bo = Concept("bo");
        var image = Analysis(
            [Region()],
            [
                new Detection(new BoundingBox(0, 0, 200, 200), 16, "dog", 0.9f, 0.9f),
                new Detection(new BoundingBox(400, 200, 200, 200), 16, "dog", 0.8f, 0.9f),
                new Detection(new BoundingBox(300, 0, 100, 100), 58, "pottedplant", 0.7f, 0.9f),
                new Detection(new BoundingBox(300, 300, 100, 100), 62, "tvmonitor", 0.6f, 0.9f),
            ]);

        var caption = (await _reasoner.CaptionAsync(new CaptionRequest(image, [new RecognizedConcept(bo, new BoundingBox(0, 0, 190, 200), 0.8f)]))).Text;

        Assert.Contains("The scene also shows a dog, a potted plant and a tv monitor.", caption, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ComparePairAsync_HigherSimilarity_NeverLowersTheProbability()
    {
        var concept = Concept("bo", referenceVectors: [[1, 0, 0]]);
        var midpoint = (float)new RecognitionOptions().PairwiseMidpoint;
        float[] similarities = [.. new[] { -1f, -0.5f, 0f, 0.3f, 0.5f, 0.6f, midpoint, 0.7f, 0.8f, 0.9f, 1f }.Distinct().Order()];

        var probabilities = new List<float>();
        foreach (var s in similarities)
        {
            var judgement = await _reasoner.ComparePairAsync(new PairwiseRequest(Analysis([Region(AtCosine(s))]), concept));
            Assert.Equal(concept.Name, judgement.Concept);
            Assert.InRange(judgement.Probability, 0f, 1f);
            probabilities.Add(judgement.Probability);
        }

        Assert.All(probabilities.Zip(probabilities.Skip(1)), p => Assert.True(p.Second >= p.First, $"{p.First} then {p.Second}"));
        Assert.True(probabilities[^1] > 0.99f);
        Assert.True(probabilities[0] < 0.01f);

        // At the calibration midpoint the logistic is one half.
        Assert.Equal(0.5f, probabilities[Array.IndexOf(similarities, midpoint)], 2);
    }

    [Fact]
    public async Task ComparePairAsync_TheBestCandidatesLead_CountsAsInRetrieval()
    {
        // At the midpoint the logistic is one half; the retrieval's lead over the next concept (weight 0.5 by default)
        // lifts the best candidate as it lifted its retrieval score, and the evidence says so.
        var concept = Concept("bo", referenceVectors: [[1, 0, 0]]);
        var midpoint = (float)new RecognitionOptions().PairwiseMidpoint;
        var query = Analysis([Region(AtCosine(midpoint))]);
        var retrieval = new Candidate(concept.Name, midpoint, midpoint, 0, 0, 0, Margin: 0.1f);

        var plain = await _reasoner.ComparePairAsync(new PairwiseRequest(query, concept));
        var leading = await _reasoner.ComparePairAsync(new PairwiseRequest(query, concept, Retrieval: retrieval));

        Assert.Equal(0.5f, plain.Probability, 2);
        Assert.True(leading.Probability > 0.7f, leading.Evidence);
        Assert.Contains("lead of 0.100", leading.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ComparePairAsync_SmallRegion_GetsTheCorrectionRetrievalGaveIt()
    {
        // The same cosine (the midpoint) from the whole photo and from a 56×56 region: the small one is two halvings
        // below the encoder's 224 px, so it gains 2 × 0.025 (Recognition:SmallRegionBonus) as it did in retrieval.
        var concept = Concept("bo", referenceVectors: [[1, 0, 0]]);
        var midpoint = (float)new RecognitionOptions().PairwiseMidpoint;
        var large = Analysis([Region(AtCosine(midpoint))]);
        var small = Analysis([Region(AtCosine(midpoint), source: "proposal", box: new BoundingBox(10, 10, 56, 56))]);

        var fromLarge = await _reasoner.ComparePairAsync(new PairwiseRequest(large, concept));
        var fromSmall = await _reasoner.ComparePairAsync(new PairwiseRequest(small, concept));
        var retrieved = CandidateRetriever.Score(concept, small, textWeight: 0f, smallRegionBonus: 0.025f);
        var fromRetrieval = await _reasoner.ComparePairAsync(new PairwiseRequest(small, concept, Retrieval: retrieved));

        Assert.Equal(0.5f, fromLarge.Probability, 2);
        Assert.DoesNotContain("small region", fromLarge.Evidence, StringComparison.Ordinal);
        Assert.Equal(1.0 / (1.0 + Math.Exp(-new RecognitionOptions().PairwiseSlope * 0.05)), fromSmall.Probability, 3);
        Assert.Contains("+ 0.050 for a small region", fromSmall.Evidence, StringComparison.Ordinal);
        Assert.Equal(fromSmall.Probability, fromRetrieval.Probability, 5);
    }

    [Fact]
    public async Task ComparePairAsync_SeveralRegions_UsesTheBestMatchingPair()
    {
        var concept = Concept("bo", referenceVectors: [[0, 0, 1], [1, 0, 0]]);
        var onlyWeak = Analysis([Region(AtCosine(0.3f))]);
        var weakAndStrong = Analysis([Region(AtCosine(0.3f)), Region(AtCosine(0.9f), source: "detection", label: "dog")]);

        var weak = await _reasoner.ComparePairAsync(new PairwiseRequest(onlyWeak, concept));
        var strong = await _reasoner.ComparePairAsync(new PairwiseRequest(weakAndStrong, concept));

        Assert.True(strong.Probability > 0.9f, strong.Evidence);
        Assert.True(weak.Probability < 0.1f, weak.Evidence);
        Assert.Contains("0.900", strong.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ComparePairAsync_RegionLikeARejectedOne_CountsForNothing()
    {
        // The user rejected this very region for <bo>: the pairwise stage must not find it like <bo> all the same.
        var concept = Concept("bo", referenceVectors: [[1, 0, 0]]);
        var region = AtCosine(0.9f);
        var rejected = concept with { Negatives = [new HardNegative("h", new BoundingBox(0, 0, 10, 10), region, null, DateTimeOffset.UnixEpoch)] };
        var query = Analysis([Region(region)]);

        var plain = await _reasoner.ComparePairAsync(new PairwiseRequest(query, concept));
        var afterReject = await _reasoner.ComparePairAsync(new PairwiseRequest(query, rejected));

        Assert.True(plain.Probability > 0.9f, plain.Evidence);
        Assert.True(afterReject.Probability < 0.01f, afterReject.Evidence);
    }

    [Fact]
    public async Task FingerprintAsync_UserDescription_IsKeptVerbatim()
    {
        var request = new FingerprintRequest(ConceptName.Parse("bo"), "dog", "my grey schnauzer with a red collar", ["red collar"], [Park()]);

        var proposal = await _reasoner.FingerprintAsync(request);

        Assert.Equal("my grey schnauzer with a red collar", proposal.Description);
    }

    [Fact]
    public async Task FingerprintAsync_ManyReferences_ProposesAtMostEightDistinctAttributes()
    {
        var references = Enumerable.Range(0, 4).Select(i => Analysis(
            [
                Region(labels: [new LabelScore($"breed {i}", 0.5f), new LabelScore($"other {i}", 0.3f), new LabelScore("Toy Poodle", 0.2f)], colors: [new NamedColor($"colour {i}", "#123456", 0.4f), new NamedColor("white", "#F5F5F5", 0.3f)]),
                Region(source: "detection", label: i % 2 == 0 ? "dog" : "Dog", box: new BoundingBox(0, 0, 400, 400), detectorScore: 0.9f, labels: [new LabelScore($"breed {i}", 0.7f), new LabelScore($"other {i}", 0.2f)], colors: [new NamedColor($"colour {i}", "#123456", 0.6f)]),
            ])).ToList();

        var proposal = await _reasoner.FingerprintAsync(new FingerprintRequest(ConceptName.Parse("bo"), "dog", null, [], references));

        Assert.InRange(proposal.Attributes.Count, 1, 8);
        Assert.Equal(proposal.Attributes.Count, proposal.Attributes.Select(a => a.Text).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(proposal.Attributes, a => Assert.Contains(a.Source, new[] { "detector", "classifier", "color" }));

        // The main region is the large detection: its label, classes and colours come first.
        Assert.Equal(("dog", "detector"), (proposal.Attributes[0].Text, proposal.Attributes[0].Source));
        Assert.Contains(proposal.Attributes, a => a is { Text: "breed 0", Source: "classifier" });
        Assert.Contains(proposal.Attributes, a => a is { Text: "colour 0", Source: "color" });
    }

    [SharedFact]
    public async Task FingerprintAsync_ColoursAndLabelsThatContradictTheUser_AreNotProposed()
    {
        // The enrolled object region: a corgi on a grey floor, as the models saw it.
        var focus = new BoundingBox(100, 50, 300, 300);
        var reference = Analysis(
            [
                Region(source: "focus", box: focus, labels: [new LabelScore("Pembroke", 0.6f), new LabelScore("tabby", 0.2f)], colors: [new NamedColor("silver", "#C0C0C0", 0.4f), new NamedColor("light grey", "#D3D3D3", 0.3f)]),
                Region(labels: [new LabelScore("dining table", 0.5f)], colors: [new NamedColor("brown", "#7B4B2A", 0.6f)]),
            ]) with { Focus = new ReferenceFocus(focus, ReferenceFocus.Detector, "dog") };

        var kinds = LabelKinds.FromImageNet(File.ReadAllLines(SharedData.Model("features/imagenet1k.txt")));
        var reasoner = new OfflineReasoner(miniLm.Encoder, Options.Create(new RecognitionOptions()), kinds);

        var proposal = await reasoner.FingerprintAsync(new FingerprintRequest(ConceptName.Parse("bo"), "dog", "golden, red collar", [], [reference]));

        Assert.Equal(["Pembroke"], proposal.Attributes.Select(a => a.Text));
    }

    [Fact]
    public async Task FingerprintAsync_NoObjectRegion_ProposesNothingFromTheWholePhoto()
    {
        var reference = Analysis([Region(labels: [new LabelScore("dining table", 0.5f)], colors: [new NamedColor("brown", "#7B4B2A", 0.6f)])]);

        var proposal = await _reasoner.FingerprintAsync(new FingerprintRequest(ConceptName.Parse("bo"), "dog", null, [], [reference]));

        Assert.Empty(proposal.Attributes);
    }

    [Fact]
    public async Task FingerprintAsync_NoUserDescription_DescribesFromColoursAndClasses()
    {
        var reference = Analysis([Region(labels: [new LabelScore("teapot", 0.7f), new LabelScore("unlikely", 0.01f)], colors: [new NamedColor("white", "#F5F5F5", 0.5f), new NamedColor("blue", "#0000FF", 0.3f)])])
            with { Focus = new ReferenceFocus(new BoundingBox(0, 0, 640, 480), ReferenceFocus.Whole, null) }; // the photo is the object

        var proposal = await _reasoner.FingerprintAsync(new FingerprintRequest(ConceptName.Parse("mochi"), "teapot", null, [], [reference]));

        Assert.Equal("a white and blue teapot that looks like a teapot", proposal.Description);
        Assert.Equal(["teapot", "white", "blue"], proposal.Attributes.Select(a => a.Text));
    }

    [Fact]
    public async Task ReasonAsync_AttributeSeenInTheQuery_IsVisibleAndTipsTheChoice()
    {
        var vectors = await miniLm.Encoder.EncodeAsync(["green", "Norfolk terrier", "stainless steel"]);
        var bo = Concept("bo", fingerprint: [new FingerprintAttribute("green", "color", vectors[0]), new FingerprintAttribute("Norfolk terrier", "classifier", vectors[1])]);
        var kettle = Concept("kettle", category: "kettle", fingerprint: [new FingerprintAttribute("stainless steel", "classifier", vectors[2])]);
        var query = Park();

        // Retrieval slightly prefers the kettle; the attributes the query shows must outweigh that.
        var reasoning = await _reasoner.ReasonAsync(new ReasoningRequest(query,
        [
            new CandidateContext(kettle, new Candidate(kettle.Name, 0.62f, 0.62f, 0.62f, 0, 0)),
            new CandidateContext(bo, new Candidate(bo.Name, 0.60f, 0.60f, 0.60f, 0, 0)),
        ]));

        Assert.Equal(bo.Name, reasoning.Choice);
        var boEvidence = reasoning.PerCandidate.Single(c => c.Concept.Equals(bo.Name));
        Assert.All(boEvidence.Attributes, a => Assert.True(a.Visible, $"{a.Attribute}: {a.Score}"));
        Assert.Equal(["green", "Norfolk terrier"], boEvidence.Visible);
        Assert.Contains("<bo>", reasoning.Rationale, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReasonAsync_NoCandidates_ChoosesNobody()
    {
        var reasoning = await _reasoner.ReasonAsync(new ReasoningRequest(Park(), []));

        Assert.Null(reasoning.Choice);
        Assert.Empty(reasoning.PerCandidate);
        Assert.Equal("no candidates", reasoning.Rationale);
    }

    [Fact]
    public void QueryWords_Park_AreLabelsClassesAndColoursOnce()
    {
        var words = OfflineReasoner.QueryWords(Analysis(
        [
            Region(labels: [new LabelScore("Norfolk terrier", 0.6f), new LabelScore("rare", 0.01f)], colors: [new NamedColor("green", "#228B22", 0.5f)]),
            Region(source: "detection", label: "dog", labels: [new LabelScore("norfolk terrier", 0.5f)], colors: [new NamedColor("Green", "#228B22", 0.5f)]),
        ]));

        Assert.Equal(["Norfolk terrier", "green", "dog"], words);
    }
}
