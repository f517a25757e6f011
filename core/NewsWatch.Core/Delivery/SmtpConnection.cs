using NewsWatch.Core.Configuration;

namespace NewsWatch.Core.Delivery;

/// <summary>The SMTP settings in force for one delivery: the config's <c>smtp</c> section with the app settings over it.</summary>
/// <param name="Host">The server.</param>
/// <param name="Port">Its port.</param>
/// <param name="Tls">How the connection is secured.</param>
/// <param name="User">The user to authenticate as, or null for none.</param>
/// <param name="Password">The password (never printed: <see cref="ToString"/> hides it).</param>
/// <param name="From">The sender address.</param>
public sealed record SmtpConnection(string Host, int Port, SmtpTlsMode Tls, string? User, string? Password, string From)
{
    /// <summary>The settings without the password.</summary>
    public override string ToString() =>
        $"{Host}:{Port} tls={Tls} user={User ?? "(none)"} password={(string.IsNullOrEmpty(Password) ? "(none)" : "***")} from={From}";
}
