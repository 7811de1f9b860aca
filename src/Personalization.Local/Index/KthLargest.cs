namespace Personalization.Local.Index;

/// <summary>The k-th largest of the values offered so far (negative infinity until k have been offered): a min-heap of the k largest.</summary>
internal sealed class KthLargest
{
    private readonly double[] _heap;
    private int _count;

    public KthLargest(int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        _heap = new double[k];
    }

    public double Value => _count == _heap.Length ? _heap[0] : double.NegativeInfinity;

    /// <summary>The k largest values offered (fewer while fewer were offered), in no order.</summary>
    public ReadOnlySpan<double> Kept => _heap.AsSpan(0, _count);

    public void Offer(double value)
    {
        if (_count < _heap.Length)
        {
            var i = _count++;
            _heap[i] = value;
            while (i > 0 && _heap[(i - 1) / 2] > _heap[i])
            {
                (_heap[i], _heap[(i - 1) / 2]) = (_heap[(i - 1) / 2], _heap[i]);
                i = (i - 1) / 2;
            }

            return;
        }

        if (!(value > _heap[0]))
        {
            return;
        }

        _heap[0] = value;
        for (var i = 0; ;)
        {
            var (left, smallest) = ((2 * i) + 1, i);
            if (left < _count && _heap[left] < _heap[smallest])
            {
                smallest = left;
            }

            if (left + 1 < _count && _heap[left + 1] < _heap[smallest])
            {
                smallest = left + 1;
            }

            if (smallest == i)
            {
                return;
            }

            (_heap[i], _heap[smallest]) = (_heap[smallest], _heap[i]);
            i = smallest;
        }
    }
}
