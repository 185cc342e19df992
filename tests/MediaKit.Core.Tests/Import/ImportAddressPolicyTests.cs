using System.Net;
using MediaKit.Internal;

namespace MediaKit.Core.Tests.Import;

public sealed class ImportAddressPolicyTests
{
    public static TheoryData<string, string> Addresses => new()
    {
        // IPv4
        { "8.8.8.8", nameof(AddressClass.Public) },
        { "93.184.216.34", nameof(AddressClass.Public) },
        { "100.63.255.255", nameof(AddressClass.Public) },
        { "100.128.0.0", nameof(AddressClass.Public) },
        { "172.15.255.255", nameof(AddressClass.Public) },
        { "172.32.0.0", nameof(AddressClass.Public) },
        { "192.167.255.255", nameof(AddressClass.Public) },
        { "169.253.255.255", nameof(AddressClass.Public) },
        { "223.255.255.255", nameof(AddressClass.Public) },
        { "127.0.0.1", nameof(AddressClass.Loopback) },
        { "127.255.255.254", nameof(AddressClass.Loopback) },
        { "10.0.0.1", nameof(AddressClass.Private) },
        { "10.255.255.255", nameof(AddressClass.Private) },
        { "172.16.0.1", nameof(AddressClass.Private) },
        { "172.31.255.255", nameof(AddressClass.Private) },
        { "192.168.1.1", nameof(AddressClass.Private) },
        { "100.64.0.1", nameof(AddressClass.CarrierGradeNat) },
        { "100.127.255.255", nameof(AddressClass.CarrierGradeNat) },
        { "169.254.169.254", nameof(AddressClass.LinkLocal) },
        { "169.254.0.1", nameof(AddressClass.LinkLocal) },
        { "0.0.0.0", nameof(AddressClass.Unspecified) },
        { "0.1.2.3", nameof(AddressClass.Unspecified) },
        { "224.0.0.1", nameof(AddressClass.Multicast) },
        { "239.255.255.250", nameof(AddressClass.Multicast) },
        { "240.0.0.1", nameof(AddressClass.Reserved) },
        { "255.255.255.255", nameof(AddressClass.Reserved) },
        { "192.0.0.170", nameof(AddressClass.Reserved) },
        { "192.0.2.1", nameof(AddressClass.Reserved) },
        { "198.18.0.1", nameof(AddressClass.Reserved) },
        { "198.19.255.255", nameof(AddressClass.Reserved) },
        { "203.0.113.9", nameof(AddressClass.Reserved) },

        // IPv6
        { "2606:4700:4700::1111", nameof(AddressClass.Public) },
        { "2a00:1450:4001:80b::200e", nameof(AddressClass.Public) },
        { "::1", nameof(AddressClass.Loopback) },
        { "::", nameof(AddressClass.Unspecified) },
        { "fc00::1", nameof(AddressClass.Private) },
        { "fd12:3456:789a::1", nameof(AddressClass.Private) },
        { "fec0::1", nameof(AddressClass.Private) },
        { "fe80::1", nameof(AddressClass.LinkLocal) },
        { "febf:ffff::1", nameof(AddressClass.LinkLocal) },
        { "ff02::1", nameof(AddressClass.Multicast) },
        { "2001:db8::1", nameof(AddressClass.Reserved) },
        { "2001:0:4136:e378:8000:63bf:3fff:fdd2", nameof(AddressClass.Reserved) },
        { "100::1", nameof(AddressClass.Reserved) },
        { "::2", nameof(AddressClass.Reserved) },
        { "::127.0.0.1", nameof(AddressClass.Reserved) },
        { "64:ff9b:1::a00:1", nameof(AddressClass.Reserved) },

        // IPv6 forms that carry an IPv4 address are judged by it
        { "::ffff:127.0.0.1", nameof(AddressClass.Loopback) },
        { "::ffff:7f00:1", nameof(AddressClass.Loopback) },
        { "::ffff:10.1.2.3", nameof(AddressClass.Private) },
        { "::ffff:172.20.0.1", nameof(AddressClass.Private) },
        { "::ffff:192.168.0.10", nameof(AddressClass.Private) },
        { "::ffff:169.254.169.254", nameof(AddressClass.LinkLocal) },
        { "::ffff:100.64.1.1", nameof(AddressClass.CarrierGradeNat) },
        { "::ffff:0.0.0.0", nameof(AddressClass.Unspecified) },
        { "::ffff:8.8.8.8", nameof(AddressClass.Public) },
        { "64:ff9b::a9fe:a9fe", nameof(AddressClass.LinkLocal) },
        { "64:ff9b::7f00:1", nameof(AddressClass.Loopback) },
        { "64:ff9b::808:808", nameof(AddressClass.Public) },
        { "2002:7f00:1::1", nameof(AddressClass.Loopback) },
        { "2002:a9fe:a9fe::", nameof(AddressClass.LinkLocal) },
        { "2002:808:808::1", nameof(AddressClass.Public) },
    };

    [Theory]
    [MemberData(nameof(Addresses))]
    public void Addresses_are_classified_by_their_range(string address, string expected)
        => Assert.Equal(expected, ImportAddressPolicy.Classify(IPAddress.Parse(address)).ToString());

    [Theory]
    [MemberData(nameof(Addresses))]
    public void Only_public_addresses_are_allowed_by_default(string address, string expected)
        => Assert.Equal(expected == nameof(AddressClass.Public), ImportAddressPolicy.IsAllowed(IPAddress.Parse(address), allowPrivateNetworks: false));

    [Theory]
    [MemberData(nameof(Addresses))]
    public void Allowing_private_networks_admits_loopback_private_and_CGNAT_but_never_link_local_or_reserved(string address, string expected)
        => Assert.Equal(
            expected is nameof(AddressClass.Public) or nameof(AddressClass.Loopback) or nameof(AddressClass.Private) or nameof(AddressClass.CarrierGradeNat),
            ImportAddressPolicy.IsAllowed(IPAddress.Parse(address), allowPrivateNetworks: true));

    [Fact]
    public void A_scoped_link_local_address_is_still_link_local()
        => Assert.Equal(AddressClass.LinkLocal, ImportAddressPolicy.Classify(IPAddress.Parse("fe80::1%2")));
}
