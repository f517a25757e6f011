using System.Text.RegularExpressions;

namespace NewsWatch.Core.Extraction;

/// <summary>Drops text blocks that are furniture by their wording: bylines, credits, share words, prompts.</summary>
internal static partial class TextCleaner
{
    /// <summary>Returns the blocks that are article text, in order, without a leading headline.</summary>
    public static List<string> Clean(List<string> blocks, IReadOnlyCollection<string> headlines)
    {
        var normalizedHeadlines = headlines.Select(Normalize).Where(h => h.Length > 0).ToHashSet(StringComparer.Ordinal);
        var result = new List<string>(blocks.Count);
        foreach (var block in blocks)
        {
            var lines = block.Split('\n').Where(l => !IsFurnitureLine(l)).ToList();
            if (lines.Count == 0)
            {
                continue;
            }

            var text = string.Join('\n', lines);
            if (result.Count < 3 && normalizedHeadlines.Contains(Normalize(text)))
            {
                continue;
            }

            result.Add(text);
        }

        return DropTrailingFragments(CutAtTrailer(result));
    }

    /// <summary>
    /// The last blocks of a body that are one short line, not a sentence (no closing punctuation, or only a question
    /// mark, or a remark in parentheses) and hold no figures, are what is left of end-of-article furniture: a section
    /// label whose content was dropped ("Darstellung:", "Infos zum Reiseziel"), a call to action, an agency or author
    /// signature, an empty ratings box. At most two go, only after a body of at least three blocks, and not when the
    /// block before them is itself one short line (then they end a list).
    /// </summary>
    private static List<string> DropTrailingFragments(List<string> blocks)
    {
        var end = blocks.Count;
        while (end > 3 && blocks.Count - end < 2 && IsFragment(blocks[end - 1]))
        {
            end--;
        }

        // A run of short lines that goes on above is a list (the last items of a table of results), not furniture.
        return end < blocks.Count && !IsShortLine(blocks[end - 1]) ? blocks.GetRange(0, end) : blocks;
    }

    private static bool IsFragment(string block)
    {
        var b = block.Trim();
        return b.Length < TrailingFragmentLength && !b.Contains('\n', StringComparison.Ordinal) && !b.Any(char.IsDigit)
            && !IsIntroducingSentence(b)
            && (!SentenceEnd().IsMatch(b) || b.EndsWith('?') || (b.StartsWith('(') && b.EndsWith(')')));
    }

    /// <summary>
    /// A sentence of four or more words that ends in a colon introduces what follows it ("Das Konzeptpapier finden Sie
    /// hier:", "Read the full report here:"): a sentence of the author, unlike a label of one to three words whose
    /// content went ("Zutaten:", "Main Coon-Stickerei:").
    /// </summary>
    private static bool IsIntroducingSentence(string line)
    {
        return line.EndsWith(':') && line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= MinIntroWords;
    }

    /// <summary>A block that is one short line (an item of a list of such lines), unlike prose or a block of several lines.</summary>
    private static bool IsShortLine(string block)
    {
        var b = block.Trim();
        return b.Length < MinProseBefore && !b.Contains('\n', StringComparison.Ordinal) && b.Length < TrailingFragmentLength;
    }

    /// <summary>
    /// A block that is only a section label such as "Tags", "Related articles" or "Comments" opens the
    /// end-of-article furniture: it and everything after it go, when what follows is less than half of the text.
    /// </summary>
    private static List<string> CutAtTrailer(List<string> blocks)
    {
        var total = blocks.Sum(b => b.Length);
        var after = 0;
        var cut = blocks.Count;
        for (var i = blocks.Count - 1; i > 0; i--)
        {
            after += blocks[i].Length;
            if (after > total * 0.45)
            {
                break;
            }

            // Keep looking: the earliest label in the tail ("Tags" ... "Related") is where furniture starts.
            if (TrailerLabel().IsMatch(blocks[i].Split('\n', 2)[0].Trim()))
            {
                cut = i;
            }
        }

        return cut < blocks.Count ? blocks.GetRange(0, cut) : blocks;
    }

    private static bool IsFurnitureLine(string line)
    {
        var l = line.Trim();
        if (l.Length == 0)
        {
            return true;
        }

        if (l.Length > 200)
        {
            return false;
        }

        return Placeholder().IsMatch(l)
            || (l.Length < 60 && Byline().IsMatch(l))
            || (l.Length < 80 && Dateline().IsMatch(l))
            || (l.Length < 60 && DateOnly().IsMatch(l))
            || (l.Length < 60 && IsStampLine(l))
            || (l.Length < 60 && IsWordDateLine(l))
            || (l.Length < 150 && RelatedLine().IsMatch(l))
            || (l.Length < 120 && Credit().IsMatch(l))
            || (l.Length < 250 && License().IsMatch(l) && !l.EndsWith('.') && !l.EndsWith('!') && !l.EndsWith('?'))
            || ShareWords().IsMatch(l)
            || (l.Length < 200 && Prompt().IsMatch(l))
            || (l.Length < 200 && Reporting().IsMatch(l))
            || (l.Length < 300 && Disclosure().IsMatch(l))
            || (l.Length < 200 && DownloadSize().IsMatch(l));
    }

    /// <summary>A short line with a numeric date and little else ("기사입력 :[ 2018-08-25 15:24 ]", "Jane Doe 2019-11-20 17:27").</summary>
    private static bool IsStampLine(string line)
    {
        if (!NumericDate().IsMatch(line))
        {
            return false;
        }

        var rest = NumericDate().Replace(line, string.Empty);
        return rest.Count(char.IsLetter) <= 25 && !rest.Contains('.', StringComparison.Ordinal);
    }

    /// <summary>
    /// A short line with a date written in words and little else ("Pressemitteilung Aktuell 02. November 2021",
    /// "24. März 2004, 19:49 | Genesis"): no colon or inner full stop left beside the date, and not a quoted post's
    /// signature ("— Name (@handle) January 24, 2020"), which belongs to the quote, and not two dates.
    /// </summary>
    private static bool IsWordDateLine(string line)
    {
        // Two dates are a span (an event's dates), which is the article's information.
        if (line.Contains("(@", StringComparison.Ordinal) || WordDate().Count(line) != 1)
        {
            return false;
        }

        var rest = WordDate().Replace(line, string.Empty).Trim().TrimEnd('.');
        return rest.Count(char.IsLetter) <= 25 && rest.IndexOfAny([':', '.']) < 0;
    }

    /// <summary>A trailing line ending in a colon with at least this many words is a sentence, not a label.</summary>
    private const int MinIntroWords = 4;

    /// <summary>A trailing fragment is shorter than this.</summary>
    private const int TrailingFragmentLength = 50;

    /// <summary>Trailing fragments go only after a block at least this long (prose, not a list of short lines).</summary>
    private const int MinProseBefore = 80;

    private static string Normalize(string s) => BoilerplateRules.NonWord().Replace(s, string.Empty).ToLowerInvariant();

    [GeneratedRegex(@"^(advertisement|advertising|advert|sponsored( content)?|ad|ads|story continues( below)?( advertisement)?|continue reading( below)?|updated|published|anzeige|publicité|publicidad|pubblicità|iklan|реклама|광고|広告|you may also like|you might also like|don'?t miss|like this|like loading|loading|image \d+ of \d+|\d+ of \d+|\d+ min(ute)?s? read|lesezeit:? \d+ min(uten)?|loading\.*|play video|watch video|video|click to enlarge|enlarge this image|back to top|zum anfang|\d+([.,]\d+)? ?(kb|mb|gb)|\(\d+([.,]\d+)? ?(kb|mb|gb)\)|nach oben|gefällt mir( wird geladen)?|wird geladen|toggle caption|hide caption|expand)[\s:.…]*$", RegexOptions.IgnoreCase)]
    private static partial Regex Placeholder();

    // "By Mara Lindqvist, Business Reporter" but not "By then, it was too late.": every word a name or a joiner.
    [GeneratedRegex(@"^(?:[Bb]y|BY|[Ww]ritten by|[Ww]ords by|[Pp]osted by|[Vv]on|[Pp]ar)\s+\p{Lu}[\p{L}'’.-]*(?:[\s,]+(?:\p{Lu}[\p{L}'’.-]*|and|&|of|in|at|for|the|de|da|van|von|und|et|y|e))*[\s.,|·-]*$")]
    private static partial Regex Byline();

    // "Updated: 5 March 2024, 09:30", "Published 3 hours ago", not "Posted on the wall was a notice."
    [GeneratedRegex(@"^(updated|published|posted|last updated|first published|last modified|modified|date|veröffentlicht( am)?|aktualisiert( am)?|verfasst (von|am)|erstellt am|publié le|mis à jour|publicado|actualizado|opublikowano|zaktualizowano)\b\s*:?[^!?]*(\d|\bago\b)[^!?]*$", RegexOptions.IgnoreCase)]
    private static partial Regex Dateline();

    [GeneratedRegex(@"^(related( \p{L}+)?|read more|read also|also read|see also|more|don'?t miss|recommended|related stories|related articles|related coverage|more on this|further reading|you may also like|read next|up next|also on|watch|listen|leia também|veja também|leia mais|lee también|lea también|lire aussi|à lire aussi|leggi anche|lesen sie auch|mehr zum thema|baca juga|читайте также|смотрите также|관련기사|関連記事|filed under|tags|tagged|topics|categories|category|source|sources|themen|schlagworte|schlagwörter|stichworte|temas|tematy|quelle|quellen|bildquelle|fotoquelle|fuente|fuentes|źródło|lesen sie auch|auch interessant|czytaj (też|także|również)|zobacz (też|także|również))\s*[:›»>|-]", RegexOptions.IgnoreCase)]
    private static partial Regex RelatedLine();

    [GeneratedRegex(@"^((photo|image|picture|illustration|graphic|video|photograph|foto|bild|abbildung|abb\.|grafik|titelbild|beitragsbild|zdjęcie|imagen|fotografía)s?( credit)?\s*(:|by|/|courtesy|via)|(getty images|shutterstock|ap photo|afp|reuters|epa|file photo)\b[^.!?]{0,40}$|.*\((getty images|ap|afp|reuters|shutterstock)\)$|.*(getty images|shutterstock)$)", RegexOptions.IgnoreCase)]
    private static partial Regex Credit();

    // Share bars in English and in other languages ("Teilen Tweet", "Rezept drucken Bei Pinterest speichern", "Condividi").
    [GeneratedRegex(@"^((artikel|beitrag|seite|rezept)\s+)?((share|tweet|email|e-mail|print|facebook|twitter|linkedin|whatsapp|pinterest|reddit|copy link|copy|comments?|save|flipboard|messenger|sms|teilen|drucken|speichern|merken|partager|imprimer|compartir|imprimir|condividi|stampa|udostępnij|drukuj|(bei|auf|per|sur|par|en) (facebook|twitter|linkedin|whatsapp|pinterest|flipboard|e-?mail))(\s+(this|on|via|the|article|story|page|link|\d+))*[\s,|·]*)+$", RegexOptions.IgnoreCase)]
    private static partial Regex ShareWords();

    [GeneratedRegex(@"^(sign up|subscribe|register|get)\b.{0,100}\b(newsletter|inbox|e-?mail updates|alerts)|\b(sign up|subscribe) (for|to) (our|the|my)\b.{0,60}\b(newsletter|podcast|channel)|^(newsletter|e-?mail)\b.{0,40}(sign up|subscribe)|^follow (us|\S+) on\b|^follow\b.{0,80}\bcoverage\b|^(have|got) a (news )?tip\b|^e-?mail \S+( \S+)? at \S+@|all rights reserved|alle rechte vorbehalten|tous droits réservés|(todos los )?derechos reservados|wszelkie prawa zastrzeżone|^s[ií]guenos en\b|^folgen sie uns (auf|bei)\b|^(mit unserem|abonnieren sie (unseren|den)) newsletter\b|^pour lire la suite\b|\b(als )?pdf herunterladen\b|^download (as |the )?pdf\b|^(datei|dokument) herunterladen\b|^(jetzt )?weiterlesen mit\b|^©|^copyright\b|^subscribe\b|click here (to|for)|\b(hier klicken|klicken sie hier|klick hier|cliquez ici|haga clic aquí|haz clic aquí|clicca qui|kliknij tutaj)\b|^tell us what you think|^\[\w+[^\]]*\].*\[/\w+\]$|^get the latest\b|download (our|the) app|^(this|the) (story|article) (was|has been) (updated|corrected)", RegexOptions.IgnoreCase)]
    private static partial Regex Prompt();

    [GeneratedRegex(@"^[^\p{L}]*((\p{L}+\.? ){0,3}\d{1,2},? \d{4}|\d{1,2}\.? \p{L}+\.? \d{4}|\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})([ ,T]+\d{1,2}:\d{2}(:\d{2})?( ?[ap]\.?m\.?)?( ?[A-Z]{2,4})?)?[^\p{L}\p{N}]*$", RegexOptions.IgnoreCase)]
    private static partial Regex DateOnly();

    // "02. November 2021", "7 janvier 2020", "November 7, 2023", "29 maja 2019", with a time after it ("…, 19:49").
    [GeneratedRegex(@"(\b\d{1,2}\.? ?(jan|feb|mär|mar|apr|mai|may|maj|jun|jul|aug|sep|okt|oct|nov|dez|dec|dic|janv|févr|avr|juil|août|déc|ene|abr|ago|sty|lut|kwi|cze|lip|sie|wrz|paź|lis|gru)\p{L}*\.?,?|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\p{L}*\.? \d{1,2},?) \d{4}\b(,? \d{1,2}:\d{2}( ?[ap]\.?m\.?)?)?", RegexOptions.IgnoreCase)]
    private static partial Regex WordDate();

    [GeneratedRegex(@"\d{4}[-./]\d{1,2}[-./]\d{1,2}([ T]+\d{1,2}:\d{2}(:\d{2})?)?|\d{1,2}[-./]\d{1,2}[-./]\d{4}([ T]+\d{1,2}:\d{2}(:\d{2})?)?")]
    private static partial Regex NumericDate();

    [GeneratedRegex(@"^((additional )?reporting|editing|writing|compiled|produced) by\b", RegexOptions.IgnoreCase)]
    private static partial Regex Reporting();

    [GeneratedRegex(@"^(tags|tagged( with)?|topics|keywords|filed under|categories|related|related (articles|stories|posts|content|coverage|links|news|topics)|see also|more (stories|news|articles)|read (more|next)|share( this( article| story| post)?)?|comments|\d+ comments?|leave a (comment|reply)|you (may|might) also like|recommended( for you)?|most (read|popular)|comentários|comentarios|commentaires|commenti|kommentare|komentar|комментарии|отзывы|댓글|コメント|você pode gostar|te puede interesar|sur le même sujet|potrebbe interessarti|das könnte sie auch interessieren|schlagworte|etiquetas|похожие статьи|теги|more( \S+){0,3} (stories|news|articles|reads|coverage)|more from( \S+){1,3}|mehr (aus|von) (der|dem|den)( \S+){1,3}|about the authors?|more information|further (information|reading)|(media |press )?contacts?|sources|related posts|similar posts|share this( \S+)?|we need your help|mehr zum thema|weitere (informationen|infos|artikel|beiträge|themen|nachrichten|meldungen)|(presse)?kontakt|ansprechpartner(in|innen)?( zum thema)?|pressekontakt|über (den|die) autor(in)?|zu(m|r) autor(in)?|schon gelesen\??|ähnliche (artikel|beiträge|themen|nachrichten)|verwandte (artikel|beiträge|themen)|das (thema )?könnte (dich|sie) auch interessieren|auch interessant|lesen sie (auch|mehr)|weiterlesen|quellen(angaben)?|zusatzinformationen|(jetzt |artikel |beitrag )?teilen!?|möchten sie (den|diesen) (artikel|beitrag) teilen\??|war (der|dieser) (artikel|beitrag) (nützlich|hilfreich)\??|noch mehr infos( für (dich|sie))?|vorschau auf den nächsten (artikel|beitrag)|zurück zur (liste|listenansicht|übersicht)|zum newsletter anmelden|newsletter( abonnieren)?|\d+ kommentare?|kommentar schreiben|dieser (artikel|beitrag) hat \d+ kommentare?|bewertungen|empfehlungen|zobacz (również|też|także)|czytaj (też|także|również)|przeczytaj (też|także|również)|podobne (artykuły|wpisy)|komentarze|vos réactions|(à )?lire aussi|articles similaires|à propos de l'auteur|(le |la )?puede interesar|noticias relacionadas|más información|sobre el autor)\s*[:.…!?]*$", RegexOptions.IgnoreCase)]
    private static partial Regex TrailerLabel();

    // Affiliate and advertising disclosures ("This post contains affiliate links", "erhält ggf. eine Provision").
    [GeneratedRegex(@"affiliate[- ]?links?|werbelinks?|partnerlinks?|\blinks?\b.{0,80}\bprovision\b|\b(we|us)\b.{0,40}\b(receive|earn)\b.{0,40}\b(commission|compensation)\b|\bcontains references to products\b", RegexOptions.IgnoreCase)]
    private static partial Regex Disclosure();

    // A download link's label: a file type beside its size ("Informationsschreiben vom 14. Oktober 2021PDF | 38 KB |
    // Datei ist nicht barrierefrei", "Download: mp3 (30 MB) m4a (24 MB)", "Bericht (1,2 MB, PDF)").
    [GeneratedRegex(@"(?<!\p{L})(pdf|docx?|xlsx?|pptx?|odt|zip|mp3|mp4|m4a|epub)[\s,;|/()-]{0,5}\d+([.,]\d+)? ?(kb|mb|gb|kib|mib|kbyte|mbyte)\b|\b\d+([.,]\d+)? ?(kb|mb|gb|kib|mib)[\s,;|/()-]{0,5}(pdf|docx?|xlsx?|pptx?|odt|zip|mp3|epub)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DownloadSize();

    // A picture's licence ("Leena Simon, CC-BY-SA 4.0", "[CC BY-SA 3.0], via Wikimedia Commons", "en licence Creative Commons by").
    [GeneratedRegex(@"\bcreative ?commons\b|\bcc[- ]by\b|\bcc0\b|\bvia wikimedia commons\b", RegexOptions.IgnoreCase)]
    private static partial Regex License();

    [GeneratedRegex(@"[.!?…。！？""“”»«)\]]$")]
    private static partial Regex SentenceEnd();
}
