namespace Personalization.Azure.Workflows;

/// <summary>The names of the orchestrations and activities, shared by the Functions app and the local worker.</summary>
public static class ActivityNames
{
    public const string RecognizeImage = "RecognizeImage";
    public const string BulkRecognize = "BulkRecognize";
    public const string BulkBatch = "BulkBatch";
    public const string JudgePreferences = "JudgePreferences";

    public const string RetrieveCandidates = "RetrieveCandidates";
    public const string ReasonAttributes = "ReasonAttributes";
    public const string VerifyCrossModal = "VerifyCrossModal";
    public const string ComparePair = "ComparePair";
    public const string WriteCaption = "WriteCaption";
    public const string WriteResult = "WriteResult";
    public const string PublishResultEvent = "PublishResultEvent";
    public const string ListImages = "ListImages";
    public const string AnalyzeImages = "AnalyzeImages";
    public const string WriteBulkSummary = "WriteBulkSummary";
    public const string PredictProfile = "PredictProfile";
    public const string AssessPair = "AssessPair";
    public const string WritePreferenceResult = "WritePreferenceResult";
}
