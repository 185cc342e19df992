using System.Net;
using System.Net.Sockets;

namespace MediaKit.Internal;

/// <summary>What an IP address is, as far as deciding whether an import may connect to it.</summary>
internal enum AddressClass
{
    Public = 0,
    Loopback,
    Private,
    CarrierGradeNat,
    LinkLocal,
    Unspecified,
    Multicast,
    Reserved,
}

/// <summary>
/// Decides which addresses an import may connect to. Public unicast only by default; loopback, private and CGNAT when
/// private networks are allowed; link-local (the cloud metadata endpoint lives there), unspecified, multicast and
/// reserved never. IPv6 forms that carry an IPv4 address (mapped, NAT64, 6to4) are judged by that IPv4 address.
/// </summary>
internal static class ImportAddressPolicy
{
    public static bool IsAllowed(IPAddress address, bool allowPrivateNetworks)
        => Classify(address) switch
        {
            AddressClass.Public => true,
            AddressClass.Loopback or AddressClass.Private or AddressClass.CarrierGradeNat => allowPrivateNetworks,
            _ => false,
        };

    public static AddressClass Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => ClassifyV4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => ClassifyV6(address.GetAddressBytes()),
            _ => AddressClass.Reserved,
        };
    }

    private static AddressClass ClassifyV4(ReadOnlySpan<byte> b) => b[0] switch
    {
        0 => AddressClass.Unspecified,                                  // 0.0.0.0/8 "this network"
        10 => AddressClass.Private,                                     // 10.0.0.0/8
        100 when (b[1] & 0xC0) == 64 => AddressClass.CarrierGradeNat,   // 100.64.0.0/10
        127 => AddressClass.Loopback,                                   // 127.0.0.0/8
        169 when b[1] == 254 => AddressClass.LinkLocal,                 // 169.254.0.0/16, incl. 169.254.169.254
        172 when (b[1] & 0xF0) == 16 => AddressClass.Private,           // 172.16.0.0/12
        192 when b[1] == 168 => AddressClass.Private,                   // 192.168.0.0/16
        192 when b[1] == 0 && b[2] is 0 or 2 => AddressClass.Reserved,  // 192.0.0.0/24 protocol assignments, 192.0.2.0/24 documentation
        198 when (b[1] & 0xFE) == 18 => AddressClass.Reserved,          // 198.18.0.0/15 benchmarking
        198 when b[1] == 51 && b[2] == 100 => AddressClass.Reserved,    // 198.51.100.0/24 documentation
        203 when b[1] == 0 && b[2] == 113 => AddressClass.Reserved,     // 203.0.113.0/24 documentation
        >= 224 and <= 239 => AddressClass.Multicast,                    // 224.0.0.0/4
        >= 240 => AddressClass.Reserved,                                // 240.0.0.0/4 and the broadcast address
        _ => AddressClass.Public,
    };

    private static AddressClass ClassifyV6(ReadOnlySpan<byte> b)
    {
        if (b[..10].IndexOfAnyExcept((byte)0) < 0 && b[10] == 0xFF && b[11] == 0xFF)
        {
            return ClassifyV4(b[12..]);                                 // ::ffff:0:0/96 IPv4-mapped
        }

        if (b[..12].IndexOfAnyExcept((byte)0) < 0)
        {
            var last = b[12..];
            return last.IndexOfAnyExcept((byte)0) < 0 ? AddressClass.Unspecified   // ::
                : last[..3].IndexOfAnyExcept((byte)0) < 0 && last[3] == 1 ? AddressClass.Loopback // ::1
                : AddressClass.Reserved;                                // ::/96 IPv4-compatible (deprecated)
        }

        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B)
        {
            return b[4..12].IndexOfAnyExcept((byte)0) < 0
                ? ClassifyV4(b[12..])                                   // 64:ff9b::/96 NAT64 well-known prefix
                : AddressClass.Reserved;                                // 64:ff9b:1::/48 local-use NAT64 and the rest
        }

        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return ClassifyV4(b[2..6]);                                 // 2002::/16 6to4
        }

        if (b[0] == 0xFF)
        {
            return AddressClass.Multicast;                              // ff00::/8
        }

        if ((b[0] & 0xFE) == 0xFC)
        {
            return AddressClass.Private;                                // fc00::/7 unique local
        }

        if (b[0] == 0xFE && (b[1] & 0xC0) == 0x80)
        {
            return AddressClass.LinkLocal;                              // fe80::/10
        }

        if (b[0] == 0xFE && (b[1] & 0xC0) == 0xC0)
        {
            return AddressClass.Private;                                // fec0::/10 site-local (deprecated)
        }

        if (b[0] == 0x20 && b[1] == 0x01 && (b[2] == 0x00 && b[3] == 0x00 || b[2] == 0x0D && b[3] == 0xB8))
        {
            return AddressClass.Reserved;                               // 2001::/32 Teredo, 2001:db8::/32 documentation
        }

        // Only 2000::/3 is global unicast; everything else (100::/64 discard and unassigned space) is refused.
        return (b[0] & 0xE0) == 0x20 ? AddressClass.Public : AddressClass.Reserved;
    }
}
