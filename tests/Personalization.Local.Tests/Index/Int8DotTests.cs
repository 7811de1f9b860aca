using Personalization.Local.Index;

namespace Personalization.Local.Tests.Index;

public sealed class Int8DotTests
{
    // Every kernel this machine runs gives the plain loop's integer, at the extremes too (127·127 pairs, -127 sums).
    [Theory]
    [InlineData(64)]
    [InlineData(1280)]
    [InlineData(448)]
    public void Dot_EveryAvailableKernel_GivesTheScalarSum(int stride)
    {
        var random = new Random(stride);
        for (var round = 0; round < 20; round++)
        {
            var row = new sbyte[stride];
            var vector = new float[stride];
            for (var i = 0; i < stride; i++)
            {
                row[i] = round switch { 0 => 127, 1 => -127, _ => (sbyte)random.Next(-127, 128) };
                vector[i] = round switch { 0 => 1, 1 => 1, 2 => -1, _ => (float)(random.NextDouble() - 0.5) };
            }

            var query = QuantizedQuery.Create(vector, stride)!;
            var sum = row.Sum(b => (int)b);
            var expected = Int8Dot.Dot(Int8Dot.Kernel.Scalar, row, sum, query);

            Assert.Equal(Enumerable.Range(0, stride).Sum(i => row[i] * query.Wide[i]), expected);
            Assert.All(Int8Dot.Available, kernel => Assert.Equal(expected, Int8Dot.Dot(kernel, row, sum, query)));
        }
    }

    [Fact]
    public void Dot_RowOfAnotherLength_IsRefused()
    {
        var query = QuantizedQuery.Create(new float[64], 64)!;

        Assert.Throws<ArgumentException>(() => Int8Dot.Dot(new sbyte[128], 0, query));
    }
}
