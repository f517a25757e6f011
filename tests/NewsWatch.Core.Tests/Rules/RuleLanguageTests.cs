using NewsWatch.Core.Rules;

namespace NewsWatch.Core.Tests.Rules;

/// <summary>The rule language beyond AND/OR/NOT: proximity, fields, case, counts, compounds, languages.</summary>
public sealed class RuleLanguageTests
{
    [Theory]
    [InlineData("NATO NEAR/3 troops", "NATO will send more troops.", true)]
    [InlineData("NATO NEAR/3 troops", "Troops, NATO said.", true)]
    [InlineData("NATO NEAR/1 troops", "NATO will send more troops.", false)]
    [InlineData("NATO ONEAR/5 troops", "Troops, NATO said.", false)]
    [InlineData("NATO ONEAR/5 troops", "NATO will send troops.", true)]
    [InlineData("NATO NEAR/0 troops", "NATO troops", true)]
    [InlineData("(NATO OR alliance) NEAR/10 (troops OR \"boots on the ground\")", "The alliance refuses boots on the ground.", true)]
    [InlineData("(NATO OR alliance) NEAR/2 (troops OR \"boots on the ground\")", "The alliance said it would never put boots on the ground.", false)]
    [InlineData("NATO NEAR/5 troops", "NATO met. Leaders discussed troops.", true)]
    [InlineData("NATO NEAR/3 troops NEAR/3 border", "NATO troops massed at the border.", true)]
    public void Match_Near_ChecksWordDistance(string query, string body, bool expected)
    {
        Assert.Equal(expected, Matches(query, null, body));
    }

    [Fact]
    public void Match_NearAcrossFields_DoesNotMatch()
    {
        Assert.False(Matches("NATO NEAR/50 troops", "NATO summit", "More troops."));
    }

    [Theory]
    [InlineData("a OR b NEAR/2 c", "((a) OR (b NEAR/2 c))")]
    [InlineData("a NEAR/2 b NOT c", "((a NEAR/2 b) NOT c)")]
    [InlineData("a b NEAR/2 c", "((a) AND (b NEAR/2 c))")]
    public void Parse_NearPrecedence_BindsTighterThanNotAndOr(string query, string expected)
    {
        var terms = new List<TermSpec>();
        var root = RuleParser.Parse("r", query, t => { terms.Add(t); return terms.Count - 1; });
        var sb = new System.Text.StringBuilder();
        root.Print(sb, t => terms[t].Key);
        Assert.Equal(expected.Replace("(a)", "a", StringComparison.Ordinal).Replace("(b)", "b", StringComparison.Ordinal), sb.ToString());
    }

    [Theory]
    [InlineData("title:ceasefire", "Ceasefire agreed", "Talks went on.", true)]
    [InlineData("title:ceasefire", "Talks", "A ceasefire was agreed.", false)]
    [InlineData("body:ceasefire", "Ceasefire agreed", "Talks went on.", false)]
    [InlineData("title:(truce OR ceasefire) AND body:Gaza", "Truce holds", "In Gaza, calm.", true)]
    [InlineData("title:\"peace talks\"", "Peace talks resume", "x", true)]
    [InlineData("title:ceasefire NOT body:ceasefire", "Ceasefire", "No word of it here.", true)]
    public void Match_FieldTargeting_LooksOnlyInThatField(string query, string title, string body, bool expected)
    {
        Assert.Equal(expected, Matches(query, title, body));
    }

    [Theory]
    [InlineData("case:US", "The US said.", true)]
    [InlineData("case:US", "Tell us more.", false)]
    [InlineData("case:\"White House\"", "the white house", false)]
    [InlineData("case:\"White House\"", "the White House", true)]
    [InlineData("case:(NATO OR EU) sanctions", "EU sanctions", true)]
    [InlineData("case:(NATO OR EU) sanctions", "eu sanctions", false)]
    [InlineData("case:Müller", "Herr Muller", false)]
    [InlineData("case:Müller", "Herr Müller", true)]
    [InlineData("us", "Tell US more.", true)]
    public void Match_Case_ExactCaseAndAccents(string query, string body, bool expected)
    {
        Assert.Equal(expected, Matches(query, null, body));
    }

    [Theory]
    [InlineData("ceasefire COUNT>=2", "A ceasefire. Another ceasefire.", true)]
    [InlineData("ceasefire COUNT>=2", "A ceasefire.", false)]
    [InlineData("(truce OR ceasefire) COUNT>=2", "A truce, then a ceasefire.", true)]
    [InlineData("(truce OR ceasefire) COUNT>=3", "A truce, then a ceasefire.", false)]
    [InlineData("ceasefire COUNT>=2", "Ceasefire", false)]
    [InlineData("Gaza ceasefire COUNT>=2", "Gaza. Ceasefire. Ceasefire.", true)]
    public void Match_Count_NeedsThatManyHits(string query, string body, bool expected)
    {
        Assert.Equal(expected, Matches(query, null, body));
    }

    [Fact]
    public void Match_CountOverTitleAndBody_CountsBoth()
    {
        Assert.True(Matches("ceasefire COUNT>=2", "Ceasefire", "A ceasefire."));
    }

    [Theory]
    [InlineData("ceasefire", "A cease-fire held.", true)]
    [InlineData("ceasefire", "A cease fire held.", true)]
    [InlineData("ceasefire", "A ceasefire held.", true)]
    [InlineData("\"cease fire\"", "A ceasefire held.", false)]
    [InlineData("\"off season\"", "in the offseason", false)]
    [InlineData("\"cease-fire talks\"", "ceasefire talks", true)]
    [InlineData("\"cease-fire talks\"", "cease fire talks", true)]
    [InlineData("\"cease–fire\"", "ceasefire", true)]
    [InlineData("cease-fire", "A ceasefire held.", true)]
    [InlineData("nowhere", "We are now here.", false)]
    public void Match_Compounds_OnByDefault(string query, string body, bool expected)
    {
        Assert.Equal(expected, Matches(query, null, body));
    }

    [Fact]
    public void Match_CompoundsOff_OnlyTheWrittenSpelling()
    {
        var set = RuleSet.Compile([new RuleDefinition("r", "ceasefire", Compounds: false)]);

        Assert.Empty(set.Match(null, "A cease-fire held."));
        Assert.Single(set.Match(null, "A ceasefire held."));
    }

    [Theory]
    [InlineData("de", "Müller", "Thomas Mueller sagte", true)]
    [InlineData("de", "Mueller", "Thomas Müller sagte", true)]
    [InlineData("de", "Müller", "Thomas Muller sagte", true)]
    [InlineData(null, "Müller", "Thomas Mueller sagte", false)]
    [InlineData("de", "Straße", "Strasse gesperrt", true)]
    [InlineData("de", "Strasse", "Straße gesperrt", true)]
    [InlineData("de-CH", "Grüße", "Gruesse aus Bern", true)]
    [InlineData("nl", "Nijmegen", "in Nymegen", true)]
    [InlineData("nl", "Nijmegen", "in NIJMEGEN", true)]
    [InlineData("fr", "l'OTAN", "Le chef de l’OTAN a dit", true)]
    [InlineData("fr", "\"l'OTAN\"", "OTAN", true)]
    [InlineData(null, "OTAN", "Le chef de l'OTAN a dit", true)]
    [InlineData("uk", "Київ", "у Києві", false)]
    [InlineData("uk", "Київ", "Київ, столиця", true)]
    [InlineData("uk", "край", "Краи", false)]
    [InlineData("ru", "край", "КРАЙ", true)]
    [InlineData("uk", "їжа", "і\u0308жа", true)]
    [InlineData("uk", "іжа", "їжа", false)]
    [InlineData("ru", "ёлка", "елка", true)]
    public void Match_Language_SpellingVariants(string? language, string query, string body, bool expected)
    {
        var set = RuleSet.Compile([new RuleDefinition("r", query, language)]);

        Assert.Equal(expected, set.Match(null, body).Count == 1);
    }

    [Theory]
    [InlineData("\"negotiat* ceasefire\"", "They are negotiating a ceasefire.", false)]
    [InlineData("\"negotiat* ceasefire\"", "Negotiated ceasefire holds.", true)]
    [InlineData("\"peace negotiat*\"", "peace negotiations", true)]
    [InlineData("\"* ceasefire\"", "x", false)]
    public void Match_WildcardInPhrase(string query, string body, bool expected)
    {
        try
        {
            Assert.Equal(expected, Matches(query, null, body));
        }
        catch (RuleSyntaxException)
        {
            Assert.False(expected);
        }
    }

    [Theory]
    [InlineData("ceasefire NOT ceasefire", 15)]
    [InlineData("ceasefire NOT (truce OR ceasefire)", 25)]
    [InlineData("(ceasefire AND gaza) NOT ceasefire", 26)]
    [InlineData("title:ceasefire NOT ceasefire", 21)]
    public void Parse_NeverMatches_RefusedWithColumnAndHint(string query, int column)
    {
        var ex = Assert.Throws<RuleSyntaxException>(() => RuleParser.Parse("r9", query, t => t.MatchKey.GetHashCode(StringComparison.Ordinal) & 0xFFFF));

        Assert.Equal(column, ex.Column);
        Assert.Contains("can never match", ex.Problem, StringComparison.Ordinal);
        Assert.Contains("hint", ex.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ceasefire NOT title:ceasefire")]
    [InlineData("title:ceasefire NOT body:ceasefire")]
    [InlineData("ceasefire NOT case:CEASEFIRE")]
    [InlineData("ceasefire NOT (ceasefire AND truce)")]
    public void Parse_CanStillMatch_Accepted(string query)
    {
        RuleSet.Compile([new RuleDefinition("r", query)]);
    }

    [Theory]
    [InlineData("a NEAR b", 3)]
    [InlineData("a NEAR/x b", 3)]
    [InlineData("a NEAR/5000 b", 3)]
    [InlineData("a COUNT>=0", 3)]
    [InlineData("a COUNT>2", 3)]
    [InlineData("COUNT>=2", 1)]
    [InlineData("(a AND b) NEAR/3 c", 2)]
    [InlineData("a NEAR/3 b COUNT>=2", 10)]
    [InlineData("a NEAR/3", 3)]
    [InlineData("a case:", 3)]
    public void Parse_BadNewSyntax_ReportsColumn(string query, int column)
    {
        var ex = Assert.Throws<RuleSyntaxException>(() => RuleParser.Parse("r", query, _ => 0));

        Assert.Equal(column, ex.Column);
    }

    [Fact]
    public void Match_Hits_GiveFieldAndOffsets()
    {
        var set = RuleSet.Compile([new RuleDefinition("r", "ceasefire OR truce")]);

        var match = Assert.Single(set.Match("Truce now", "A cease-fire held, then a “truce”."));

        Assert.Equal(
            [new RuleHit("truce", "title", 0, 5), new RuleHit("ceasefire", "body", 2, 10), new RuleHit("truce", "body", 27, 5)],
            match.Hits);
    }

    private static bool Matches(string query, string? title, string body) =>
        RuleSet.Compile([new RuleDefinition("r", query)]).Match(title, body).Count == 1;
}
