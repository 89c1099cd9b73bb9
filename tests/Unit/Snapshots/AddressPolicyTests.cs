using System.Net;
using Citadel.Node.Snapshots;

namespace Citadel.Tests.Unit.Snapshots;

public sealed class AddressPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    public void InternalAddress_IsRefusedByDefault(string address) => Assert.False(new AddressPolicy([]).Permits(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("2001:4860:4860::8888")]
    public void PublicAddress_IsPermitted(string address) => Assert.True(new AddressPolicy([]).Permits(IPAddress.Parse(address)));

    [Fact]
    public void AllowedNetworks_OpenOnlyThemselves()
    {
        var policy = new AddressPolicy(["127.0.0.1", "10.1.0.0/16"]);

        Assert.True(policy.Permits(IPAddress.Parse("127.0.0.1")));
        Assert.True(policy.Permits(IPAddress.Parse("::ffff:127.0.0.1")));
        Assert.True(policy.Permits(IPAddress.Parse("10.1.200.3")));
        Assert.False(policy.Permits(IPAddress.Parse("127.0.0.2")));
        Assert.False(policy.Permits(IPAddress.Parse("10.2.0.1")));
        Assert.False(policy.Permits(IPAddress.Parse("169.254.169.254")));
    }
}
