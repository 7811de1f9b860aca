using Personalization.Azure.Workflows;
using Personalization.Core.Domain;

namespace Personalization.Azure.Tests.Workflows;

public sealed class InstanceIdsTests
{
    private static readonly OwnerId Alice = OwnerId.Parse("alice");
    private static readonly OwnerId Bob = OwnerId.Parse("bob");

    [Fact]
    public void SameWork_SameId_AnotherOwnerOrOtherBytes_AnotherId()
    {
        Assert.Equal(InstanceIds.Recognition(Alice, "a.jpg", "h1"), InstanceIds.Recognition(Alice, "a.jpg", "h1"));
        Assert.NotEqual(InstanceIds.Recognition(Alice, "a.jpg", "h1"), InstanceIds.Recognition(Alice, "a.jpg", "h2"));
        Assert.NotEqual(InstanceIds.Recognition(Alice, "a.jpg", "h1"), InstanceIds.Recognition(Bob, "a.jpg", "h1"));
        Assert.NotEqual(InstanceIds.Preference(Alice, "r1"), InstanceIds.Preference(Bob, "r1"));
        Assert.NotEqual(InstanceIds.Bulk(Alice, "{}"), InstanceIds.Bulk(Bob, "{}"));
    }

    [Fact]
    public void EveryKind_BelongsToItsOwnerOnly_SubOrchestrationsToo()
    {
        foreach (var id in new[] { InstanceIds.Recognition(Alice, "a.jpg", "h1"), InstanceIds.Bulk(Alice, "{}"), InstanceIds.Preference(Alice, "r1") })
        {
            Assert.Equal(Alice, InstanceIds.OwnerOf(id));
            Assert.True(InstanceIds.BelongsTo(id, Alice));
            Assert.True(InstanceIds.BelongsTo(id + "-b0-3", Alice));
            Assert.False(InstanceIds.BelongsTo(id, Bob));
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("bulk-0123456789")]
    [InlineData("~bulk-0123456789")]
    [InlineData("../alice~bulk-0123456789")]
    [InlineData("alice-x~bulk-0123456789")]
    public void IdsNotMadeForAlice_AreNotAlices(string? id)
    {
        Assert.False(InstanceIds.BelongsTo(id, Alice));
    }
}
