using Personalization.Azure.Search;
using Personalization.Core.Domain;

namespace Personalization.Azure.Tests.Search;

public sealed class SearchFiltersTests
{
    [Fact]
    public void Owner_QuoteInValue_IsDoubledSoTheLiteralCannotEnd()
    {
        Assert.Equal("owner eq 'o''brien'", SearchFilters.Owner("o'brien"));
        Assert.Equal("owner eq 'x'' or owner ne ''' and kind eq 'region'", SearchFilters.OwnerAndKind("x' or owner ne '", "region"));
    }

    [Fact]
    public void OwnerId_WithQuote_IsRejectedBeforeAnyQuery()
    {
        Assert.False(OwnerId.TryParse("o'brien", out _, out _));
    }
}
