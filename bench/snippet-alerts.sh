#!/usr/bin/env bash
# Alerts end to end on the snippets corpus: every annotated snippet becomes a phrase rule; `newswatch match` runs them
# all over the 504 pages (page classifier included, as in a scan); a rule of a page's "with" snippet that matches that
# page is a right alert, one of a "without" snippet a wrong one, a "with" rule that does not match a missed one.
# Usage: bench/snippet-alerts.sh [--page-types any]   (needs ../shared/corpus or NEWSWATCH_CORPUS, python3, the .NET SDK)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="${NEWSWATCH_CORPUS:-$root/../shared/corpus}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 - "$corpus" "$work" <<'PY'
import json, re, sys
corpus, work = sys.argv[1], sys.argv[2]
cases = json.load(open(f"{corpus}/snippets/cases.json", encoding="utf-8"))
rules, own = [], {}
for page, case in cases.items():
    for kind in ("with", "without"):
        for snippet in case[kind]:
            text = re.sub('["\u201c\u201d\u201e]', " ", snippet).strip()
            if re.search(r"\w", text):
                rid = f"s{len(rules)}"
                rules.append({"id": rid, "query": f'"{text}"'})
                own[rid] = [page, kind]
json.dump({"rules": rules}, open(f"{work}/rules.json", "w", encoding="utf-8"))
json.dump(own, open(f"{work}/own.json", "w", encoding="utf-8"))
PY
dotnet build -c Release "$root/cli/NewsWatch.Cli" >/dev/null
dotnet "$root/cli/NewsWatch.Cli/bin/Release/net10.0/newswatch.dll" match "$@" --rules "$work/rules.json" "$corpus"/snippets/html/*.html > "$work/out.jsonl"
python3 - "$work" <<'PY'
import collections, json, os, sys
work = sys.argv[1]
own = json.load(open(f"{work}/own.json", encoding="utf-8"))
expected = collections.defaultdict(lambda: {"with": set(), "without": set()})
for rid, (page, kind) in own.items():
    expected[page][kind].add(rid)
tp = fp = fn = fn_other = 0
types = collections.Counter()
for line in open(f"{work}/out.jsonl", encoding="utf-8"):
    d = json.loads(line)
    page = os.path.basename(d["input"])[:-5]
    got = {m["ruleId"] for m in d["matches"]}
    want, unwanted = expected[page]["with"], expected[page]["without"]
    tp += len(got & want); fp += len(got & unwanted); missed = len(want - got); fn += missed
    fn_other += missed if d["pageType"] == "other" else 0
    types[d["pageType"]] += 1
p, r = tp / (tp + fp), tp / (tp + fn)
print(f"rules {len(own)}, pages {dict(types)}")
print(f"right {tp}, wrong {fp}, missed {fn} (on pages classed other: {fn_other}); precision {p:.3f} recall {r:.3f} F1 {2*p*r/(p+r):.3f}")
PY
