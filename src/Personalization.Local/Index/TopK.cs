namespace Personalization.Local.Index;

/// <summary>Keeps the k best (index, score) pairs offered; ties keep the earlier index.</summary>
internal sealed class TopK(int k)
{
    private readonly PriorityQueue<int, (float Score, int Index)> _heap = new(Comparer<(float Score, int Index)>.Create(
        (a, b) => a.Score != b.Score ? a.Score.CompareTo(b.Score) : b.Index.CompareTo(a.Index)));

    private readonly Dictionary<int, float> _scores = [];

    public void Offer(int index, float score)
    {
        if (k <= 0)
        {
            return;
        }

        if (_heap.Count < k)
        {
            _heap.Enqueue(index, (score, index));
            _scores[index] = score;
            return;
        }

        _heap.TryPeek(out var worst, out var worstKey);
        if (score > worstKey.Score)
        {
            _heap.DequeueEnqueue(index, (score, index));
            _scores.Remove(worst);
            _scores[index] = score;
        }
    }

    public IEnumerable<(int Index, float Score)> Best() =>
        _scores.Select(kv => (kv.Key, kv.Value)).OrderByDescending(x => x.Value).ThenBy(x => x.Key);
}
