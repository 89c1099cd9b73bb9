using Citadel.Tests.Shared;

namespace Citadel.Tests.Integration.Infrastructure;

public sealed class LogSecretCheckTests
{
    [Fact]
    public void ConfiguredKeysAndJwts_AreFound_ShortKeysAreNotSearched()
    {
        using var dir = new TempDirectory("secret-check");
        var secrets = LogSecretCheck.SecretsOf(new Dictionary<string, string> { ["QDRANT__SERVICE__API_KEY"] = "long-enough-key", ["QDRANT__SERVICE__READ_ONLY_API_KEY"] = "short" });
        Assert.Equal(["long-enough-key"], secrets);

        File.WriteAllText(dir.File("a.log"), "INFO request with long-enough-key\n");
        Assert.NotNull(LogSecretCheck.Find(dir.File("a.log"), secrets));
        File.WriteAllText(dir.File("b.log"), "DBUG Bearer " + Tokens.Hs256("s-0123456789-0123456789-0123456789", new { access = "m" }) + "\n");
        Assert.NotNull(LogSecretCheck.Find(dir.File("b.log"), secrets));
        File.WriteAllText(dir.File("c.log"), "INFO short words only; Bearer ***\n");
        Assert.Null(LogSecretCheck.Find(dir.File("c.log"), secrets));
    }
}
