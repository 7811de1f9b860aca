using Azure.Core;

namespace Personalization.Azure.Tests;

/// <summary>A credential that must never be asked for: the test configures a key or a connection string instead.</summary>
internal sealed class NoCredential : TokenCredential
{
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("the key or connection string should be used, not a token");

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("the key or connection string should be used, not a token");
}
