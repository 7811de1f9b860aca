namespace Personalization.Local.Index;

/// <summary>
/// Which segments a write merges into its new segment. The newest are merged while each holds no more than twice what
/// is merged so far (a binary counter: O(log n) segments, each vector rewritten O(log n) times); a segment with nothing
/// live goes; and all of them are merged when garbage (floats of concepts replaced or deleted since) is over half of what
/// would be stored. Pure: the store applies it.
/// </summary>
internal static class SegmentMerge
{
    /// <param name="floats">Each segment's floats, garbage included, oldest first.</param>
    /// <param name="live">Each segment's floats still live after this write.</param>
    /// <param name="written">The floats this write adds.</param>
    /// <returns>Per segment, whether it is merged into the new one (or dropped, when nothing in it is live).</returns>
    public static bool[] Plan(IReadOnlyList<long> floats, IReadOnlyList<long> live, long written)
    {
        ArgumentNullException.ThrowIfNull(floats);
        ArgumentNullException.ThrowIfNull(live);
        var merged = new bool[floats.Count];
        var tail = written;
        for (var i = floats.Count - 1; i >= 0 && live[i] <= 2 * tail; i--)
        {
            (merged[i], tail) = (true, tail + live[i]);
        }

        long stored = tail, liveKept = tail;
        for (var i = 0; i < floats.Count; i++)
        {
            if (!merged[i])
            {
                (stored, liveKept) = (stored + floats[i], liveKept + live[i]);
            }
        }

        var compact = stored - liveKept > liveKept;
        for (var i = 0; i < floats.Count; i++)
        {
            merged[i] |= live[i] == 0 || compact;
        }

        return merged;
    }
}
