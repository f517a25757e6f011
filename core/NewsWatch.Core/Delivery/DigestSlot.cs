namespace NewsWatch.Core.Delivery;

/// <summary>The digest a subscriber is due at some moment: its key (one digest per key) and the items it takes (those put in the inbox before <see cref="Cutoff"/>).</summary>
public sealed record DigestSlot(string Key, DateTimeOffset Cutoff);
