using System.Runtime.InteropServices;

namespace NewsWatch.Core.Rules;

/// <summary>
/// What building a matched rule's result reads of the rule, as ints just before its query's flat form in the rule
/// set's program: [count, display start, count positive terms, count fields, program...]. The block and the start
/// of the program share a cache line or two, asked for as soon as the rule is a candidate.
/// </summary>
internal static class ResultBlock
{
    /// <summary>Appends <paramref name="rule"/>'s block to <paramref name="program"/>; its query's flat form is to follow right after it.</summary>
    public static void Append(List<int> program, CompiledRule rule, int displayStart)
    {
        var count = rule.PositiveTerms.Length;
        program.Add(count);
        program.Add(displayStart);
        program.AddRange(rule.PositiveTerms);
        foreach (var f in rule.PositiveFields)
        {
            program.Add((int)f);
        }
    }

    /// <summary>Where the query's flat form starts, for the block at <paramref name="block"/>.</summary>
    public static int ProgramOf(int[] program, int block) => block + 2 + (2 * program[block]);

    /// <summary>The positive terms of the block at <paramref name="block"/>.</summary>
    public static ReadOnlySpan<int> Terms(int[] program, int block) => program.AsSpan(block + 2, program[block]);

    /// <summary>The fields of each positive term of the block at <paramref name="block"/>.</summary>
    public static ReadOnlySpan<FieldMask> Fields(int[] program, int block) =>
        MemoryMarshal.Cast<int, FieldMask>(program.AsSpan(block + 2 + program[block], program[block]));

    /// <summary>Where the block's displays start in the rule set's display pool.</summary>
    public static int DisplayStart(int[] program, int block) => program[block + 1];

}
