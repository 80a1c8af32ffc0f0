using System.Net;
using Health.Core.Reports.Delivery;

namespace Health.Core.Tests.Reports;

/// <summary>Which addresses a webhook may not reach: this machine, its networks, and what is not routed on the internet.</summary>
public sealed class PrivateAddressesTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.12.0.9")]
    [InlineData("0.0.0.0")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.254")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("192.0.2.2")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fd00::1")]
    [InlineData("fe80::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("64:ff9b::a00:1")]
    [InlineData("ff02::1")]
    [InlineData("::7f00:1")]
    [InlineData("::ffff:0:a00:1")]
    [InlineData("2002:a00:1::1")]
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2")]
    public void Private(string address) => Assert.True(PrivateAddresses.IsPrivate(IPAddress.Parse(address)), address);

    [Theory]
    [InlineData("140.82.112.3")]
    [InlineData("1.1.1.1")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:4700::1111")]
    [InlineData("::ffff:140.82.112.3")]
    [InlineData("64:ff9b::8c52:7003")]
    public void Public(string address) => Assert.False(PrivateAddresses.IsPrivate(IPAddress.Parse(address)), address);
}
