using Health.Core.Metrics;

namespace Health.Core.Tests.Metrics;

public class JoinedTests
{
    [Fact]
    public void Joined_PartsWithEmptyOnes_ReadsAsTheConcatenation()
    {
        int[][] parts = [[], [1, 2], [], [], [3], [4, 5, 6], []];
        var joined = new Joined<int>(parts);
        var expected = parts.SelectMany(p => p).ToList();

        Assert.Equal(expected.Count, joined.Count);
        Assert.Equal(expected, joined);
        Assert.Equal(expected, Enumerable.Range(0, joined.Count).Select(i => joined[i]));
        Assert.Throws<ArgumentOutOfRangeException>(() => joined[joined.Count]);
        Assert.Empty(new Joined<int>([[], []]));
    }
}
