using Citadel.Common.Errors;
using Citadel.Node.Snapshots;

namespace Citadel.Tests.Unit.Snapshots;

public sealed class SnapshotNamesTests
{
    [Theory]
    [InlineData("../x")]
    [InlineData("../../etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("..%2F..%2Fetc%2Fpasswd")]
    [InlineData("%2Fetc%2Fpasswd")]
    [InlineData("%2E%2E")]
    [InlineData("a\\b")]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("x\0.snapshot")]
    public void NameThatIsNotABareFileName_IsNotFound(string name)
    {
        var e = Assert.Throws<CitadelException>(() => SnapshotNames.Validate(name));

        Assert.Equal(ErrorKind.NotFound, e.Kind);
        Assert.StartsWith("Not found: Snapshot ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BareName_IsAccepted() => Assert.Equal("c-2026-01-01-00-00-00.snapshot", SnapshotNames.Validate("c-2026-01-01-00-00-00.snapshot"));
}
