using Microsoft.Extensions.Options;
using NewsWatch.Core.Delivery;
using NewsWatch.Core.Delivery.Channels;
using NewsWatch.Core.Fetching;
using NewsWatch.Core.Scanning;

namespace NewsWatch.Core.Configuration;

// The options' data annotations checked by source-generated validators instead of ValidateDataAnnotations, which reads
// the attributes by reflection (not available to the Native AOT build of the newswatch command). Same messages.

/// <summary>Validates <see cref="FetchOptions"/> against its data annotations.</summary>
[OptionsValidator]
internal sealed partial class FetchOptionsValidator : IValidateOptions<FetchOptions>;

/// <summary>Validates <see cref="SmtpOptions"/> against its data annotations.</summary>
[OptionsValidator]
internal sealed partial class SmtpOptionsValidator : IValidateOptions<SmtpOptions>;

/// <summary>Validates <see cref="OutageOptions"/> against its data annotations.</summary>
[OptionsValidator]
internal sealed partial class OutageOptionsValidator : IValidateOptions<OutageOptions>;

/// <summary>Validates <see cref="ChannelOptions"/> against its data annotations.</summary>
[OptionsValidator]
internal sealed partial class ChannelOptionsValidator : IValidateOptions<ChannelOptions>;

/// <summary>Validates <see cref="ScanOptions"/> against its data annotations.</summary>
[OptionsValidator]
internal sealed partial class ScanOptionsValidator : IValidateOptions<ScanOptions>;

/// <summary>Validates <see cref="SourceHealthOptions"/> against its data annotations.</summary>
[OptionsValidator]
internal sealed partial class SourceHealthOptionsValidator : IValidateOptions<SourceHealthOptions>;
