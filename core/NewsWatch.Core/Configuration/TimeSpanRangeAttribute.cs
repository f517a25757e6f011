using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace NewsWatch.Core.Configuration;

/// <summary>
/// <c>[Range(typeof(TimeSpan), min, max)]</c> without the reflection that constructor needs (it converts the bounds
/// through a type converter, which Native AOT cannot keep): both bounds inclusive, a missing value is valid, and the
/// message is the one <see cref="RangeAttribute"/> gives.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class TimeSpanRangeAttribute : ValidationAttribute
{
    /// <summary>Bounds in the invariant <c>[d.]hh:mm:ss[.fffffff]</c> format.</summary>
    public TimeSpanRangeAttribute(string minimum, string maximum)
        : base("The field {0} must be between {1} and {2}.")
    {
        Minimum = TimeSpan.Parse(minimum, CultureInfo.InvariantCulture);
        Maximum = TimeSpan.Parse(maximum, CultureInfo.InvariantCulture);
    }

    /// <summary>The least value allowed.</summary>
    public TimeSpan Minimum { get; }

    /// <summary>The greatest value allowed.</summary>
    public TimeSpan Maximum { get; }

    /// <inheritdoc />
    public override bool IsValid(object? value) => value is not TimeSpan time || (time >= Minimum && time <= Maximum);

    /// <inheritdoc />
    public override string FormatErrorMessage(string name) =>
        string.Format(CultureInfo.CurrentCulture, ErrorMessageString, name, Minimum, Maximum);
}
