using NewsWatch.Core.Extraction;

namespace NewsWatch.Core.Tests.Extraction;

public sealed class TextCleanerTests
{
    private const string Body = "The council met on Tuesday, and it voted, after a long debate, to keep the library open on Sundays.";

    [Theory]
    [InlineData("By Mara Lindqvist, Business Reporter")]
    [InlineData("BY JOHN SMITH AND JANE DOE")]
    [InlineData("Updated: 5 March 2024, 09:30")]
    [InlineData("November 18, 2019")]
    [InlineData("2019-11-20 17:27:46")]
    [InlineData("Advertisement")]
    [InlineData("Read more: Port expansion plan approved")]
    [InlineData("Share Tweet Email")]
    [InlineData("Photo: Getty Images")]
    [InlineData("Sign up for our morning newsletter and get the news in your inbox.")]
    [InlineData("Reporting by Jane Doe; Editing by John Roe")]
    [InlineData("Like this:")]
    [InlineData("Published 3 hours ago")]
    [InlineData("This post contains affiliate links.")]
    [InlineData("Für Links auf dieser Seite erhält die Redaktion ggf. eine Provision vom Händler.")]
    [InlineData("4 Min Read")]
    [InlineData("Materiał chroniony prawem autorskim - wszelkie prawa zastrzeżone.")]
    [InlineData("Síguenos en Telegram, Instagram, Facebook y Twitter")]
    [InlineData("Mit unserem Newsletter bleiben Sie informiert")]
    [InlineData("Zum Anfang")]
    [InlineData("Verfasst von: Redaktion | 31. Dezember 2008")]
    [InlineData("Informationsschreiben vom 14. Oktober 2021PDF | 38 KB | Datei ist nicht barrierefrei")]
    [InlineData("Download: mp3 (30 MB) m4a (24 MB)")]
    [InlineData("Jahresbericht 2023 (1,2 MB, PDF)")]
    [InlineData("DHB jetzt auch digital!Einfach hier klicken und für das digitale DHB registrieren!")]
    [InlineData("Pour vous abonner, cliquez ici.")]
    [InlineData("Dieses Skript als PDF herunterladen")]
    [InlineData("123 KB")]
    [InlineData("Themen: Hafen, Fähren, Streik")]
    [InlineData("Teilen Tweet")]
    [InlineData("Rezept drucken Bei Pinterest speichern")]
    [InlineData("Condividi")]
    [InlineData("Artikel merken")]
    [InlineData("Mara Lindqvist, CC-BY-SA 4.0")]
    [InlineData("Old harbour crane - Author: Jane Doe (own work) [CC BY-SA 3.0], via Wikimedia Commons")]
    [InlineData("Image illustrative : Harbour cranes by Jane Doe, en licence Creative Commons by")]
    [InlineData("Pressemitteilung Aktuell 02. November 2021")]
    [InlineData("24. März 2004, 19:49 | Hafenblog")]
    [InlineData("Monday 28 September 2020 19:27")]
    [InlineData("Written by Harbour Today on November 7, 2023")]
    [InlineData("Article mis à jour le 7 janvier 2020.")]
    public void Clean_FurnitureLine_IsDropped(string line)
    {
        var cleaned = TextCleaner.Clean([Body, line, Body], []);

        Assert.Equal([Body, Body], cleaned);
    }

    [Theory]
    [InlineData("By then, it was too late.")]
    [InlineData("By the time the votes were counted, the hall had emptied.")]
    [InlineData("What changes for shoppers")]
    [InlineData("More than 300 people attended.")]
    [InlineData("Posted on the wall was a notice.")]
    [InlineData("Reuters could not independently verify the report.")]
    [InlineData("Voters must register by email before the deadline.")]
    [InlineData("The service has ten million subscribers who get email alerts.")]
    [InlineData("The broker will receive a commission of five percent on each sale, the contract says.")]
    [InlineData("Der Makler erhält eine Provision von drei Prozent.")]
    [InlineData("The museum put its photographs under a Creative Commons licence last year.")]
    [InlineData("Teilen ist das neue Haben, sagt der Bürgermeister.")]
    [InlineData("— Port Authority (@harbour) January 24, 2020")]
    [InlineData("Harbour Light Festival\n29 November 2018 | 20 January 2019")]
    [InlineData("Auflage: 1 (27. Mai 2013)")]
    [InlineData("On 3 April 2019 the council voted. The quay closed.")]
    [InlineData("The PDF of the report runs to 300 pages and 12 MB.")]
    public void Clean_ProseLine_IsKept(string line)
    {
        var cleaned = TextCleaner.Clean([Body, line, Body], []);

        Assert.Equal([Body, line, Body], cleaned);
    }

    [Fact]
    public void Clean_LeadingHeadline_IsDropped()
    {
        var cleaned = TextCleaner.Clean(["Dockers end harbour strike!", Body], ["Dockers end harbour strike"]);

        Assert.Equal([Body], cleaned);
    }

    [Fact]
    public void Clean_TrailerLabel_CutsWhatFollows()
    {
        var cleaned = TextCleaner.Clean([Body, Body, Body, "Tags", "Rail, Weather", "Related articles", "Another story"], []);

        Assert.Equal([Body, Body, Body], cleaned);
    }

    [Theory]
    [InlineData("Mehr zum Thema")]
    [InlineData("Kontakt:")]
    [InlineData("Über den Autor")]
    [InlineData("Zobacz również")]
    [InlineData("Vos réactions")]
    [InlineData("Das könnte Sie auch interessieren:")]
    [InlineData("About the author")]
    public void Clean_TrailerLabelInOtherLanguages_CutsWhatFollows(string label)
    {
        var cleaned = TextCleaner.Clean([Body, Body, Body, label, "Another story"], []);

        Assert.Equal([Body, Body, Body], cleaned);
    }

    [Theory]
    [InlineData("Quelle: Landesregierung")]
    [InlineData("Bildquelle: Archiv")]
    [InlineData("Foto: Max Muster")]
    [InlineData("Abbildung: Karte des Gletschers")]
    public void Clean_SourceOrPictureCreditInOtherLanguages_IsDropped(string line)
    {
        var cleaned = TextCleaner.Clean([Body, line, Body], []);

        Assert.Equal([Body, Body], cleaned);
    }

    [Theory]
    [InlineData("Infos zum Reiseziel")]
    [InlineData("Darstellung:")]
    [InlineData("Main Coon-Stickerei:")]
    [InlineData("aja/PAP")]
    [InlineData("Keine Lust alleine zu radeln?!")]
    public void Clean_ShortFragmentAfterBody_IsDropped(string fragment)
    {
        // "?!" ends a sentence: that one is kept, the others are labels and signatures without a sentence.
        var cleaned = TextCleaner.Clean([Body, Body, Body, Body, fragment], []);

        Assert.Equal(fragment.EndsWith('!') ? [Body, Body, Body, Body, fragment] : [Body, Body, Body, Body], cleaned);
    }

    [Theory]
    [InlineData("And then the baby cried.")]
    [InlineData("Eiweiß 5.71g 6.14g")]
    [InlineData("Lesen Sie dazu auch die Pressemitteilungen:")]
    [InlineData("Read the full report here:")]
    public void Clean_ShortSentenceOrFiguresAfterBody_IsKept(string last)
    {
        var cleaned = TextCleaner.Clean([Body, Body, Body, Body, last], []);

        Assert.Equal([Body, Body, Body, Body, last], cleaned);
    }

    [Fact]
    public void Clean_ListOfShortLinesAtEnd_IsKept()
    {
        string[] items = ["Croatia (Group E): Sixth appearance", "Austria (Group G): Third appearance", "Wales (Group E): Second appearance"];

        var cleaned = TextCleaner.Clean([Body, Body, Body, .. items], []);

        Assert.Equal([Body, Body, Body, .. items], cleaned);
    }

    [Theory]
    [InlineData("Want to ride with others?")]
    [InlineData("(No ratings yet)")]
    public void Clean_ShortQuestionOrRemarkInParenthesesAfterBody_IsDropped(string fragment)
    {
        var cleaned = TextCleaner.Clean([Body, Body, Body, Body, fragment], []);

        Assert.Equal([Body, Body, Body, Body], cleaned);
    }

    [Fact]
    public void Clean_FragmentAfterShortSentenceBlock_IsDropped()
    {
        // The block before the label is one sentence under 80 characters, but not a one-line item of a list.
        const string Closing = "The council will meet again on Friday in the old town hall.";

        var cleaned = TextCleaner.Clean([Body, Body, Body, Closing, "Further pictures"], []);

        Assert.Equal([Body, Body, Body, Closing], cleaned);
    }
}
