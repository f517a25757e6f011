# Writes the page-type fixtures and manifest.json: python3 generator/gen.py .  (run inside TestData/)
import json, os, html, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lang import L
OUT = sys.argv[1]
os.makedirs(OUT, exist_ok=True)
E = html.escape
HOSTS = dict(en="https://www.northernledger.example", de="https://www.rheinische-tagespost.example", fr="https://www.courrier-littoral.example",
             es="https://www.diariodelsur.example", ru="https://vestnik-sever.example", ja="https://www.hokkai-nippo.example")
manifest = {}

def slug(i): return ["port-workers-end-strike","council-approves-tram","drought-cattle","rates-hold","deep-sea-vents","coalition-talks"][i % 6]

def head(l, title, og=None, jsonld=None, canonical=None, extra=""):
    t = L[l]
    h = [f'<!DOCTYPE html>\n<html lang="{l}">\n<head>\n<meta charset="utf-8">\n<title>{E(title)} | {E(t["site"])}</title>',
         '<meta name="viewport" content="width=device-width, initial-scale=1">', f'<meta property="og:site_name" content="{E(t["site"])}">']
    if og: h.append(f'<meta property="og:type" content="{og}">')
    if canonical: h.append(f'<link rel="canonical" href="{canonical}">')
    if jsonld is not None: h.append('<script type="application/ld+json">' + json.dumps(jsonld, ensure_ascii=False) + '</script>')
    h.append('<link rel="stylesheet" href="/assets/site.css"><script src="/assets/app.js"></script>' + extra)
    h.append('</head>')
    return "\n".join(h)

def nav(l, skin):
    t = L[l]; host = HOSTS[l]
    items = "".join(f'<li><a href="/{s.lower()}/">{E(s)}</a></li>' for s in t["sections"])
    if skin == "A":
        return f'<header class="site-header"><a class="brand" href="/">{E(t["site"])}</a><nav aria-label="Main"><ul>{items}</ul></nav><form role="search" action="/search"><input type="search" name="q"><button>Search</button></form></header>'
    if skin == "B":
        return f'<div id="hd"><div class="logo"><a href="/"><img src="/logo.png" alt="{E(t["site"])}"></a></div><div class="menu-bar"><ul class="menu">{items}</ul></div></div>'
    return f'<div id="masthead" class="site-header"><p class="site-title"><a href="/" rel="home">{E(t["site"])}</a></p><div class="main-navigation"><ul id="primary-menu">{items}</ul></div></div>'

def foot(l, skin):
    t = L[l]
    links = "".join(f'<a href="/info/{i}">{w}</a> ' for i, w in enumerate(["Impressum","Contact","Privacy","Terms","Advertise","Jobs"]))
    if skin == "A": return f'<footer class="site-footer"><p>&copy; 2026 {E(t["site"])}</p><p>{links}</p></footer>\n</body>\n</html>\n'
    if skin == "B": return f'<div id="ft"><div class="ft-links">{links}</div><div class="copy">&copy; 2026 {E(t["site"])}</div></div>\n</body>\n</html>\n'
    return f'<div id="colophon" class="site-footer"><div class="site-info">{links} &copy; {E(t["site"])}</div></div></div>\n</body>\n</html>\n'

def teaser(l, i, skin, with_line=True, img=True, base="/"):
    t = L[l]; h = t["heads"][i % len(t["heads"])]; line = t["lines"][i % len(t["lines"])]
    href = f"{base}2026/11/{10 + i % 18:02d}/{slug(i)}-{4810 + i}.html"
    pic = f'<img src="/img/t{i}.jpg" alt="">' if img else ""
    ln = (f'<p class="summary">{E(line)}</p>' if with_line else "")
    if skin == "A": return f'<article class="card">{pic}<h3 class="card-title"><a href="{href}">{E(h)}</a></h3>{ln}<time datetime="2026-11-{10 + i % 18:02d}T08:00:00Z">{10 + i % 18} Nov</time></article>'
    if skin == "B": return f'<li class="item"><a class="item-link" href="{href}">{pic}<span class="item-title">{E(h)}</span></a>{ln}</li>'
    return f'<div class="post-teaser" id="post-{4810 + i}"><h2 class="entry-title"><a href="{href}" rel="bookmark">{E(h)}</a></h2><div class="entry-summary">{ln}<a class="more-link" href="{href}">{E(t["readmore"])}</a></div></div>'

def teaser_list(l, skin, n, start=0, with_line=True):
    items = "".join(teaser(l, start + i, skin, with_line) for i in range(n))
    if skin == "B": return f'<ul class="list">{items}</ul>'
    return f'<div class="teasers">{items}</div>'

def sidebar(l, skin, n=5):
    t = L[l]
    items = "".join(f'<li><a href="/2026/11/0{1 + i}/{slug(i + 2)}-{3900 + i}.html">{E(t["heads"][(i + 5) % 12])}</a></li>' for i in range(n))
    if skin == "A": return f'<aside class="most-read"><h2>{E(t["mostread"])}</h2><ol>{items}</ol></aside>'
    if skin == "B": return f'<div class="col-side"><div class="box"><div class="box-title">{E(t["mostread"])}</div><ul>{items}</ul></div></div>'
    return f'<div id="secondary" class="widget-area"><section class="widget widget_recent_entries"><h2 class="widget-title">{E(t["mostread"])}</h2><ul>{items}</ul></section></div>'

def body_paras(l, skin, paras):
    if skin == "B":
        return "".join(f'<div class="txt-block"><p>{E(p)}</p></div>' for p in paras)
    return "".join(f'<p>{E(p)}</p>' for p in paras)

def article_ld(l, kind, headline, url, date="2026-11-25T09:30:00Z"):
    return {"@context": "https://schema.org", "@type": kind, "headline": headline, "datePublished": date, "mainEntityOfPage": url,
            "author": {"@type": "Person", "name": L[l]["byline"]}}

def write(name, l, expected, text, note):
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f: f.write(text)
    manifest[name] = {"type": expected, "language": l, "note": note}

def article_page(name, l, skin, headline, paras, meta=True, og="article", ldtype="NewsArticle", url=None, note="", extra_top="", related=True, comments=False, expected="article", pre=""):
    t = L[l]; url = url or f"{HOSTS[l]}/2026/11/25/{slug(1)}-58213.html"
    ld = article_ld(l, ldtype, headline, url) if (meta and ldtype) else None
    extra = '<meta property="article:published_time" content="2026-11-25T09:30:00Z">' if meta else ""
    h = head(l, headline, og if meta else None, ld, url if meta else None, extra)
    rel = ""
    if related:
        rel = f'<div class="related"><h2>{E(t["related"])}</h2>' + teaser_list(l, skin, 4, 3, with_line=False) + '</div>'
    com = ""
    if comments:
        com = '<section id="comments" class="comments-area"><h2>3 comments</h2><ol class="comment-list">' + "".join(
            f'<li id="comment-{70 + i}" class="comment"><article class="comment-body"><footer class="comment-meta"><b class="fn">Reader {i}</b> <time datetime="2026-11-25T1{i}:00:00Z">25 Nov</time></footer><div class="comment-content"><p>{E(t["lines"][i])} I agree with most of this, but the council should have listened to the shop owners first.</p></div></article></li>' for i in range(4)) + '</ol></section>'
    byline = f'<p class="byline">{E(t["byline"])} · <time datetime="2026-11-25T09:30:00Z">25.11.2026</time></p>'
    if skin == "A":
        main = f'<main><article class="story">{pre}<h1>{E(headline)}</h1>{byline}{extra_top}<div class="story-body">{body_paras(l, skin, paras)}</div></article>{rel}{com}{sidebar(l, skin)}</main>'
    elif skin == "B":
        main = f'<div id="bd"><div class="col-main"><div class="art-head">{pre}<h1 class="art-title">{E(headline)}</h1><div class="meta">{E(t["byline"])}</div></div>{extra_top}<div class="art-text">{body_paras(l, skin, paras)}</div>{rel}{com}</div>{sidebar(l, skin)}</div>'
    else:
        main = f'<div id="page"><div id="content" class="site-content"><div id="primary"><div class="post type-post">{pre}<h1 class="entry-title">{E(headline)}</h1><div class="entry-meta">{byline}</div>{extra_top}<div class="entry-content">{body_paras(l, skin, paras)}</div></div>{rel}{com}</div>{sidebar(l, skin)}</div>'
    write(name, l, expected, h + "\n<body>\n" + nav(l, skin) + main + foot(l, skin), note)

def listing_page(name, l, skin, h1, n, kind, og="website", ld=None, url=None, with_line=True, note="", intro="", expected="other"):
    t = L[l]
    h = head(l, h1, og, ld, url)
    lst = teaser_list(l, skin, n, 0, with_line)
    if skin == "A":
        main = f'<main><h1 class="page-title">{E(h1)}</h1>{intro}<section class="{kind}">{lst}</section>{sidebar(l, skin)}</main>'
    elif skin == "B":
        main = f'<div id="bd"><div class="col-main"><div class="section-head"><h1>{E(h1)}</h1></div>{intro}{lst}<div class="pager"><a href="?page=2">2</a> <a href="?page=3">3</a></div></div>{sidebar(l, skin)}</div>'
    else:
        main = f'<div id="page"><div id="content"><div id="primary"><header class="page-header"><h1 class="page-title">{E(h1)}</h1>{intro}</header>{lst}<div class="nav-links"><a class="next" href="page/2/">Older posts</a></div></div>{sidebar(l, skin)}</div>'
    write(name, l, expected, h + "\n<body>\n" + nav(l, skin) + main + foot(l, skin), note)

def home_page(name, l, skin, note="", og="website", ld=None):
    t = L[l]; host = HOSTS[l]
    ld = ld if ld is not None else {"@context": "https://schema.org", "@type": "WebSite", "name": t["site"], "url": host + "/"}
    h = head(l, t["site"], og, ld, host + "/")
    blocks = []
    for s_i, sec in enumerate(t["sections"][:4]):
        blocks.append(f'<section class="section-block"><h2><a href="/{sec.lower()}/">{E(sec)}</a></h2>' + teaser_list(l, skin, 4, s_i * 3, with_line=(s_i % 2 == 0)) + '</section>')
    lead = teaser(l, 0, skin, True)
    main = f'<main class="home"><div class="lead-story">{lead}</div>{"".join(blocks)}{sidebar(l, skin, 8)}</main>' if skin != "B" else \
           f'<div id="bd"><div class="top-news">{lead}</div><div class="col-main">{"".join(blocks)}</div>{sidebar(l, skin, 8)}</div>'
    write(name, l, "other", h + "\n<body>\n" + nav(l, skin) + main + foot(l, skin), note)

def simple_page(name, l, skin, title, inner, og=None, ld=None, url=None, expected="other", note=""):
    h = head(l, title, og, ld, url)
    if skin == "A": main = f'<main>{inner}{sidebar(l, skin, 4)}</main>'
    elif skin == "B": main = f'<div id="bd"><div class="col-main">{inner}</div>{sidebar(l, skin, 4)}</div>'
    else: main = f'<div id="page"><div id="content">{inner}</div>{sidebar(l, skin, 4)}</div>'
    write(name, l, expected, h + "\n<body>\n" + nav(l, skin) + main + foot(l, skin), note)

def gallery(name, l, skin, note=""):
    t = L[l]
    figs = "".join(f'<figure class="slide"><img src="/img/g{i}.jpg" alt=""><figcaption>{E(t["lines"][i % 4][:60])}</figcaption></figure>' for i in range(10))
    more = f'<div class="more"><h2>{E(t["related"])}</h2>{teaser_list(l, skin, 6, 2, False)}</div>'
    simple_page(name, l, skin, t["gallery"], f'<h1>{E(t["gallery"])}</h1><div class="gallery">{figs}</div>{more}', og="website",
                ld={"@context": "https://schema.org", "@type": "ImageGallery", "name": t["gallery"]}, url=f'{HOSTS[l]}/gallery/week-47/', note=note)

def video(name, l, skin, note=""):
    t = L[l]
    inner = f'<h1>{E(t["video"])}</h1><div class="player"><video src="/v/1.mp4" controls></video></div><p class="video-desc">{E(t["lines"][1])}</p><div class="more-videos"><h2>Video</h2>{teaser_list(l, skin, 8, 1, False)}</div>'
    simple_page(name, l, skin, t["video"], inner, og="video.other", ld={"@context": "https://schema.org", "@type": "VideoObject", "name": t["video"], "uploadDate": "2026-11-25T10:00:00Z"},
                url=f'{HOSTS[l]}/video/flooding-in-the-valley-99881/', note=note)

def error_page(name, l, skin, note=""):
    t = L[l]
    inner = f'<div class="error-page"><h1>{E(t["err_h"])}</h1><p>{E(t["err_p"])}</p><h2>{E(t["mostread"])}</h2>{teaser_list(l, skin, 5, 4, False)}</div>'
    simple_page(name, l, skin, t["err_h"], inner, og="website", note=note)

def consent(name, l, skin, note=""):
    t = L[l]
    h = head(l, t["site"], None, None, None)
    body = f'<body class="consent"><div class="cmp-wall"><div class="cmp-box"><h1>{E(t["consent_h"])}</h1><p>{E(t["consent_p"])}</p><p><a href="/privacy">Privacy</a> · <a href="/partners">Partners (312)</a></p><button>Accept all</button><button>Settings</button></div></div></body></html>\n'
    write(name, l, "other", h + "\n" + body, note)

def paywall(name, l, skin, note=""):
    t = L[l]; headline = t["heads"][2]; url = f"{HOSTS[l]}/2026/11/24/{slug(2)}-58100.html"
    inner = f'<article class="story"><h1>{E(headline)}</h1><p class="byline">{E(t["byline"])}</p><p class="lead">{E(t["lines"][2])}</p><div class="paywall"><h2>{E(t["pay_h"])}</h2><p>{E(t["pay_p"])}</p><a class="btn" href="/subscribe">Subscribe</a></div></article>'
    simple_page(name, l, skin, headline, inner, og="article", ld=article_ld(l, "NewsArticle", headline, url), url=url, note=note)

def liveblog_page(name, l, skin, jsonld=True, markup_ids=True, note="", ended=False):
    t = L[l]; url = f"{HOSTS[l]}/2026/11/25/live-storm-coast-58300.html"
    entries = t["live_entries"]
    times = [f"2026-11-25T{14 - i:02d}:{(7 * i) % 60:02d}:00Z" for i in range(len(entries))]
    ld = None
    if jsonld:
        ld = {"@context": "https://schema.org", "@type": "LiveBlogPosting", "headline": t["live_h"], "url": url, "coverageStartTime": "2026-11-25T06:00:00Z",
              "liveBlogUpdate": [{"@type": "BlogPosting", "headline": e[0], "articleBody": e[1], "datePublished": times[i], "url": f"{url}#entry-{900 - i}"} for i, e in enumerate(entries)]}
        if ended: ld["coverageEndTime"] = "2026-11-25T20:00:00Z"
    h = head(l, t["live_h"], "article", ld, url, '<meta property="article:published_time" content="2026-11-25T06:00:00Z">')
    kp = f'<div class="key-points"><h2>{E(t["keypoints"])}</h2><ul>' + "".join(f'<li>{E(e[0])}</li>' for e in entries[:3]) + '</ul></div>'
    stand = f'<p class="standfirst">{E(t["lines"][0])}</p>'
    posts = []
    for i, (title, text) in enumerate(entries):
        idattr = f' id="entry-{900 - i}"' if markup_ids else ""
        if skin == "A":
            posts.append(f'<article class="live-post"{idattr}><header><time datetime="{times[i]}">{14 - i}:{(7 * i) % 60:02d}</time><h3>{E(title)}</h3></header><div class="post-body"><p>{E(text)}</p></div><div class="share"><a href="#entry-{900 - i}">Link</a></div></article>')
        elif skin == "B":
            posts.append(f'<div class="lb-entry"{idattr}><div class="lb-time"><time datetime="{times[i]}">{14 - i}:{(7 * i) % 60:02d}</time></div><div class="lb-content"><h2 class="lb-title">{E(title)}</h2><p>{E(text)}</p></div></div>')
        else:
            posts.append(f'<li class="update"{idattr}><span class="stamp" datetime="{times[i]}">{14 - i}:{(7 * i) % 60:02d}</span><strong class="update-title">{E(title)}</strong><p>{E(text)}</p></li>')
    feed = "".join(posts)
    feed = f'<ul class="updates">{feed}</ul>' if skin == "C" else f'<div class="live-feed">{feed}</div>'
    if skin == "A":
        main = f'<main><div class="live-header"><span class="badge">LIVE</span><h1>{E(t["live_h"])}</h1>{stand}</div>{kp}{feed}{sidebar(l, skin)}</main>'
    elif skin == "B":
        main = f'<div id="bd"><div class="col-main"><h1 class="art-title">{E(t["live_h"])}</h1>{stand}{kp}{feed}</div>{sidebar(l, skin)}</div>'
    else:
        main = f'<div id="page"><div id="content"><h1 class="entry-title">{E(t["live_h"])}</h1>{stand}{kp}{feed}</div>{sidebar(l, skin)}</div>'
    write(name, l, "liveblog", h + "\n<body>\n" + nav(l, skin) + main + foot(l, skin), note)
    manifest[name]["entries"] = len(entries)
    manifest[name]["firstEntryTitle"] = entries[0][0]
    if ended: manifest[name]["coverageEndTime"] = "2026-11-25T20:00:00Z"

def interview(name, l, skin, note=""):
    t = L[l]
    qa = []
    for q, a in t["qa"]:
        qa += [f'<strong>{E(q)}</strong>', a]
    paras = [t["paras"][0], t["paras"][2]] + [t["qa"][0][1], t["qa"][1][1]]
    body = "".join(f'<p><strong>{E(q)}</strong></p><p>{E(a)}</p>' for q, a in t["qa"])
    article_page(name, l, skin, t["interview_h"], [t["paras"][0], t["paras"][2]], ldtype="NewsArticle", extra_top="", note=note)
    # add Q&A to the body
    p = os.path.join(OUT, name); s = open(p, encoding="utf-8").read()
    key = f'<p>{E(t["paras"][2])}</p>' if skin != "B" else f'<div class="txt-block"><p>{E(t["paras"][2])}</p></div>'
    s = s.replace(key, key + body, 1); open(p, "w", encoding="utf-8").write(s)

# ---- pages ----
for l, skins in [("en", "ABC"), ("de", "BAC"), ("fr", "CAB"), ("es", "ACB"), ("ru", "BCA"), ("ja", "ABC")]:
    a, b, c = skins
    t = L[l]; host = HOSTS[l]
    article_page(f"{l}-article-{a}.html", l, a, t["heads"][0], t["paras"], note="news story with full metadata")
    home_page(f"{l}-home-{b}.html", l, b, note="home page: section blocks of teasers")
    listing_page(f"{l}-tag-{c}.html", l, c, t["tag"], 12, "tag", url=f"{host}/tag/{'ceasefire'}/", note="tag page with teasers and excerpts",
                 ld={"@context": "https://schema.org", "@type": "CollectionPage", "name": t["tag"]})
    liveblog_page(f"{l}-liveblog-{b}.html", l, b, jsonld=(l in ("en", "fr", "ru")), note="live blog" + (" with JSON-LD" if l in ("en", "fr", "ru") else ", markup only"), ended=(l == "fr"))

# more per language
L_ = L
article_page("en-article-nometa-B.html", "en", "B", L["en"]["heads"][3], L["en"]["paras"][1:], meta=False, note="article without any metadata")
article_page("en-article-lying-A.html", "en", "A", L["en"]["heads"][4], L["en"]["paras"], og="website", ldtype="CollectionPage", note="article whose metadata says website/CollectionPage")
article_page("en-opinion-C.html", "en", "C", L["en"]["opinion_h"], L["en"]["paras"][::-1], ldtype="OpinionNewsArticle", note="opinion column", comments=True)
interview("en-interview-A.html", "en", "A", note="interview with Q&A")
article_page("en-pressrelease-B.html", "en", "B", L["en"]["press_h"], L["en"]["paras"][2:], og=None, ldtype=None, meta=True, url="https://www.northernwater.example/media/press-releases/northern-water-announces-investment-treatment-plants", related=False, note="press release, og/JSON-LD absent")
article_page("en-brief-C.html", "en", "C", L["en"]["heads"][8], L["en"]["paras"][:2], note="short news brief (two paragraphs)")
listing_page("en-section-B.html", "en", "B", "Politics", 14, "section", url="https://www.northernledger.example/politics/", note="section front")
listing_page("en-author-A.html", "en", "A", L["en"]["author"], 10, "author", og="profile", ld={"@context": "https://schema.org", "@type": "ProfilePage", "mainEntity": {"@type": "Person", "name": L["en"]["author"]}},
             url="https://www.northernledger.example/author/daniel-okafor/", intro=f'<p class="bio">{E(L["en"]["authorbio"])}</p>', note="author page with bio")
listing_page("en-search-B.html", "en", "B", L["en"]["search"], 10, "search", og=None, url="https://www.northernledger.example/search?q=ceasefire", note="search results")
listing_page("en-tag-lying-B.html", "en", "B", L["en"]["tag"], 15, "tag", og="article", ld={"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Ceasefire", "datePublished": "2026-11-25T09:30:00Z"},
             url="https://www.northernledger.example/topics/ceasefire-talks-4471", note="topic page whose metadata claims NewsArticle")
listing_page("en-teasers-nometa-C.html", "en", "C", "Latest", 9, "latest", og=None, note="teaser list without metadata or URL")
gallery("en-gallery-A.html", "en", "A", note="photo gallery with captions")
video("en-video-B.html", "en", "B", note="video page")
error_page("en-error-A.html", "en", "A", note="404 page served with 200")
consent("en-consent-B.html", "en", "B", note="cookie consent wall")
paywall("en-paywall-A.html", "en", "A", note="paywall page: headline, one line, subscribe box")
liveblog_page("en-liveblog-markup-C.html", "en", "C", jsonld=False, note="live blog, markup only, data from a list")

article_page("de-opinion-A.html", "de", "A", L["de"]["opinion_h"], L["de"]["paras"], ldtype="OpinionNewsArticle", note="Kommentar")
article_page("de-article-nometa-C.html", "de", "C", L["de"]["heads"][1], L["de"]["paras"], meta=False, note="article without metadata, WordPress layout", comments=True)
listing_page("de-search-C.html", "de", "C", L["de"]["search"], 8, "search", url="https://www.rheinische-tagespost.example/suche?q=waffenruhe", note="search results")
error_page("de-error-B.html", "de", "B", note="404 served with 200")
consent("de-consent-A.html", "de", "A", note="consent wall")

interview("fr-interview-B.html", "fr", "B", note="entretien")
listing_page("fr-author-B.html", "fr", "B", L["fr"]["author"], 10, "author", url="https://www.courrier-littoral.example/auteur/marc-lefevre/", intro=f'<p class="bio">{E(L["fr"]["authorbio"])}</p>', note="page auteur")
gallery("fr-gallery-B.html", "fr", "B", note="diaporama")
paywall("fr-paywall-C.html", "fr", "C", note="article réservé aux abonnés")

article_page("es-pressrelease-A.html", "es", "A", L["es"]["press_h"], L["es"]["paras"][:4], ldtype="NewsArticle", related=False, note="nota de prensa")
video("es-video-A.html", "es", "A", note="página de vídeo")
listing_page("es-section-B.html", "es", "B", "Economía", 12, "section", url="https://www.diariodelsur.example/economia/", note="portada de sección")

listing_page("ru-section-C.html", "ru", "C", "Политика", 12, "section", url="https://vestnik-sever.example/politics/", note="раздел")
listing_page("ru-search-A.html", "ru", "A", L["ru"]["search"], 10, "search", url="https://vestnik-sever.example/search/?q=peremirie", note="поиск")
listing_page("ru-author-A.html", "ru", "A", L["ru"]["author"], 9, "author", url="https://vestnik-sever.example/authors/volkov/", note="страница автора")

listing_page("ja-section-B.html", "ja", "B", "政治", 12, "section", url="https://www.hokkai-nippo.example/politics/", note="政治面")
error_page("ja-error-C.html", "ja", "C", note="404")
article_page("ja-article-nometa-B.html", "ja", "B", L["ja"]["heads"][4], L["ja"]["paras"], meta=False, note="記事（メタデータなし）")
# A short Japanese brief without metadata: four paragraphs of 54 to 59 characters, which in English would be 120 or more
# each (the classifier counts a CJK character twice; counted once, this read as a stub).
article_page("ja-brief-nometa-C.html", "ja", "C", L["ja"]["heads"][9], [
    "北部の港で続いていたストライキは、二日未明に労使が合意に達したことで終結した。港の外では四十隻以上の船が待機していた。",
    "組合側によると、合意には二年間で基本給を七パーセント引き上げることが盛り込まれた。臨時雇用の制限も認められたという。",
    "港湾局は、荷役作業を三日朝から順次再開すると発表した。滞っていた輸出品の積み込みには一週間ほどかかる見通しだ。",
    "地元の商工会議所は合意を歓迎する声明を出し、政府に対して港湾労働者の待遇改善に向けた支援を続けるよう求めた。"],
    meta=False, note="短いニュース（メタデータなし、四段落）")

json.dump(manifest, open(os.path.join(OUT, "manifest.json"), "w", encoding="utf-8"), ensure_ascii=False, indent=1, sort_keys=True)
print(len(manifest), "fixtures")
