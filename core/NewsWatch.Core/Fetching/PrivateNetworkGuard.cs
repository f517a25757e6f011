using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace NewsWatch.Core.Fetching;

/// <summary>
/// Refuses connections to loopback, private (RFC 1918, unique-local), link-local (the cloud metadata address
/// 169.254.169.254 among them), CGNAT, unspecified, multicast and broadcast addresses unless
/// <see cref="PrivateNetworkOptions"/> allow them. It is a <see cref="SocketsHttpHandler.ConnectCallback"/>: the host
/// name is resolved here and the check is made on the address actually connected to, so neither DNS rebinding nor a
/// redirect can get around it. Add it to any <see cref="HttpClient"/> with <see cref="AddPrivateNetworkGuard"/>.
/// </summary>
public static class PrivateNetworkGuard
{
    private static readonly (IPNetwork Network, string Name)[] Ranges =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "unspecified"),
        (IPNetwork.Parse("10.0.0.0/8"), "private (RFC 1918)"),
        (IPNetwork.Parse("100.64.0.0/10"), "CGNAT"),
        (IPNetwork.Parse("127.0.0.0/8"), "loopback"),
        (IPNetwork.Parse("169.254.0.0/16"), "link-local"),
        (IPNetwork.Parse("172.16.0.0/12"), "private (RFC 1918)"),
        (IPNetwork.Parse("192.0.0.0/24"), "IETF protocol assignment"),
        (IPNetwork.Parse("192.168.0.0/16"), "private (RFC 1918)"),
        (IPNetwork.Parse("198.18.0.0/15"), "benchmarking"),
        (IPNetwork.Parse("224.0.0.0/4"), "multicast"),
        (IPNetwork.Parse("240.0.0.0/4"), "reserved"),
        (IPNetwork.Parse("::/128"), "unspecified"),
        (IPNetwork.Parse("::1/128"), "loopback"),
        (IPNetwork.Parse("fc00::/7"), "unique-local"),
        (IPNetwork.Parse("fe80::/10"), "link-local"),
        (IPNetwork.Parse("fec0::/10"), "site-local"),
        (IPNetwork.Parse("ff00::/8"), "multicast"),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    /// <summary>
    /// The kind of forbidden range <paramref name="address"/> is in ("loopback", "link-local", ...), or null for a public
    /// address. IPv4 inside IPv6 (mapped, NAT64, 6to4) is judged by its IPv4 address.
    /// </summary>
    public static string? Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        else if (address.AddressFamily == AddressFamily.InterNetworkV6 && (Nat64.Contains(address) || SixToFour.Contains(address)))
        {
            var bytes = address.GetAddressBytes();
            var v4 = SixToFour.Contains(address) ? bytes[2..6] : bytes[12..16];
            return Classify(new IPAddress(v4));
        }

        if (address.Equals(IPAddress.Broadcast))
        {
            return "broadcast";
        }

        foreach (var (network, name) in Ranges)
        {
            if (network.BaseAddress.AddressFamily == address.AddressFamily && network.Contains(address))
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="address"/> may be connected to under <paramref name="options"/>.</summary>
    public static bool IsAllowed(IPAddress address, PrivateNetworkOptions options)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(options);
        if (options.AllowPrivateNetworks || Classify(address) is null)
        {
            return true;
        }

        var v4 = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return options.AllowedNetworks.Any(n => n.BaseAddress.AddressFamily == v4.AddressFamily && n.Contains(v4));
    }

    /// <summary>A connect callback that resolves, refuses forbidden addresses and connects to the first allowed one that answers.</summary>
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> ConnectCallback(Func<PrivateNetworkOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, options(), cancellationToken);
    }

    /// <summary>
    /// Makes the client's primary handler a <see cref="SocketsHttpHandler"/> (if it is not one yet) whose connections go
    /// through the guard, with <see cref="PrivateNetworkOptions"/> from the container.
    /// </summary>
    public static IHttpClientBuilder AddPrivateNetworkGuard(this IHttpClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<PrivateNetworkOptions>();
        return builder.UseSocketsHttpHandler(static (handler, services) =>
        {
            var options = services.GetRequiredService<IOptionsMonitor<PrivateNetworkOptions>>();
            handler.ConnectCallback = ConnectCallback(() => options.CurrentValue);
        });
    }

    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, PrivateNetworkOptions options, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(endpoint.Host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken).ConfigureAwait(false);
        var allowed = addresses.Where(a => IsAllowed(a, options)).ToList();
        if (allowed.Count == 0)
        {
            var first = addresses.FirstOrDefault();
            throw new PrivateNetworkRefusedException(first is null
                ? $"{endpoint.Host} has no address"
                : $"{endpoint.Host} is {first}, a {Classify(first)} address: fetches into private networks are refused "
                  + $"(set {PrivateNetworkOptions.AllowSetting}=true to allow them)");
        }

        Exception? last = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endpoint.Port), cancellationToken).ConfigureAwait(false);

                // The address connected to is the one checked: nothing between the check and the connect can swap it.
                if (socket.RemoteEndPoint is IPEndPoint remote && !IsAllowed(remote.Address, options))
                {
                    throw new PrivateNetworkRefusedException($"{endpoint.Host} connected to {remote.Address}, a {Classify(remote.Address)} address");
                }

                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }
}
