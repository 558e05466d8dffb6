#!/usr/bin/env python3
"""Plants a unique word in every internal article, internal section and
draft of a copy of examples/helpdesk (plus articles whose visibility is
hard to read), then asserts that no public output holds it.

What is internal is decided here from the files themselves, not by asking
faqt, so a file faqt misjudges is caught: front matter that says internal
or draft, front matter that does not parse, translations of an internal
original, and every section under an internal heading in any form.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

PLANTED = "zqxplantedword"

# Articles whose visibility or sections are hard to read; each must stay
# out of public output. name → text.
TRICKY = {
    "tricky/broken-toml.md": '+++\nvisibility = "internal"\ntitle = "Secret\n+++\nBroken TOML.\n',
    "tricky/open-quote.md": '---\ntitle: "Secret runbook\nvisibility: internal\n---\nOpen quote.\n',
    "tricky/nested.md": '+++\ntitle = "Nested"\n[[tags]]\nvisibility = "internal"\n+++\nNested key.\n',
    "tricky/cr-only.md": '+++\rvisibility = "internal"\rtitle = "CR"\r+++\rCR only.\r',
    "tricky/bool.md": '+++\ntitle = "Bool"\nvisibility = true\n+++\nBoolean.\n',
    "tricky/unclosed.md": '+++\ntitle = "Unclosed"\nvisibility = "internal"\n\nNever closed.\n',
    "tricky/translated.md": '+++\ntitle = "Original"\nvisibility = "internal"\n+++\nOriginal.\n',
    "tricky/translated.vi.md": '+++\ntitle = "Ban dich"\n+++\nBan dich.\n',
    "tricky/draft.md": '+++\ntitle = "Draft"\ndraft = true\n+++\nDraft.\n',
    # The planted word in titles over common words, so that anything that
    # ties a public query to the titles of other articles would show it.
    "tricky/title-internal.md": '+++\ntitle = "zqxplantedword rollout"\nvisibility = "internal"\n+++\nvpn printer password outlook.\n',
    "tricky/title-internal-2.md": '+++\ntitle = "zqxplantedword plan"\nvisibility = "internal"\n+++\nvpn printer password outlook.\n',
    "tricky/title-draft.md": '+++\ntitle = "zqxplantedword draft"\ndraft = true\n+++\nvpn printer password outlook.\n',
}

# Public articles whose internal sections use every heading form.
SECTIONS = {
    "tricky/setext.md": "# Setext\n\nPublic text.\n\nInternal notes\n--------------\n\n{w}\n\n## Answer\n\nPublic.\n",
    "tricky/h1.md": "# H1 title\n\nPublic text.\n\n# Internal notes\n\n{w}\n",
    "tricky/h3.md": "# H3\n\n## Resolution\n\nPublic.\n\n### Internal notes:\n\n{w}\n\n## Answer\n\nPublic.\n",
    "tricky/nbsp.md": "# NBSP\n\nPublic.\n\n## Internal\u00a0notes\n\n{w}\n",
    "tricky/vi.vi.md": "# Vi\n\nCong khai.\n\n## Ghi chú nội bộ\n\n{w}\n",
    "tricky/pl.pl.md": "# Pl\n\nPubliczne.\n\n## Notatki wewnętrzne\n\n{w}\n",
    # "When to escalate" is agent-side in every language, and so is the
    # escalation group an article names.
    "tricky/escalate.md": "# Escalate\n\nPublic text.\n\n## When to escalate:\n\n{w}\n\n### Contacts\n\n{w}\n",
    "tricky/escalate.vi.md": "# Chuyen cap\n\nCong khai.\n\n## Khi nào chuyển cấp\n\n{w}\n",
    "tricky/escalate.pl.md": "# Eskalacja\n\nPubliczne.\n\n## Kiedy eskalować\n\n{w}\n",
    "tricky/escalate-field.md": '+++\ntitle = "Escalate field"\nescalate_to = "{w}"\n+++\nvpn printer password.\n',
    # A public flow: its {{internal}} step is agent-only, in both forms.
    "tricky/flow.md": "+++\ntitle = \"Printer flow\"\ntype = \"flow\"\n+++\n\n## Steps\n\n"
                      "1. Is the printer on? \u2014 yes: step 2 \u2014 no: escalate l2-print\n"
                      "2. {{internal}} {{spooler}} Run {w} on the print server. \u2014 works: resolved \u2014 "
                      "no: escalate l2-print\n"
                      "3. {{internal}} Open the vault.\n\n   The key is {w}.\n\n   - done: step 2\n",
}

# Escalation groups are for agents: no public output names one. The
# example's flows escalate to these groups.
ESCALATION_GROUPS = ["l2-network", "l2-print", "l2-identity", "l2-desktop"]


INTERNAL_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+.*(internal|ghi chú nội bộ|notatki wewnętrzne|when to escalate|"
                              r"khi nào chuyển cấp|kiedy eskalować)", re.IGNORECASE)


def plant_escalation(kb, word):
    """Declares an escalation group made of word (id, name, codes, when,
    contact) and makes the printers category escalate to it, when the KB's
    faqt.toml has such a category line. Agents' data: never public."""
    path = os.path.join(kb, "faqt.toml")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    text = text.replace('escalate_to = "l2-print"', 'escalate_to = "%s"' % word)
    text += ('\n[[escalation]]\nid = "{w}"\nname = "{w} team"\ncodes = ["{w}-L2"]\nwhen = "Call {w} when stuck."\n'
             'contact = "{w}@northwind.example"\n').format(w=word)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def front_matter_says_hidden(text):
    head = text[:2000]
    return bool(re.search(r"^\s*visibility\s*[=:]\s*\"?internal", head, re.M | re.I) or
                re.search(r"^\s*draft\s*[=:]\s*true", head, re.M | re.I))


def plant(kb):
    hidden_ids = []
    for root, _, files in os.walk(kb):
        for name in files:
            if not name.endswith(".md"):
                continue
            path = os.path.join(root, name)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            if front_matter_says_hidden(text):
                text += "\n%s\n" % PLANTED
                hidden_ids.append(os.path.relpath(path, kb))
            lines = text.split("\n")
            out = []
            for line in lines:
                out.append(line)
                if INTERNAL_HEADING.match(line):
                    out.append("")
                    out.append(PLANTED)
            with open(path, "w", encoding="utf-8") as f:
                f.write("\n".join(out))
    for rel, text in TRICKY.items():
        path = os.path.join(kb, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text + "\n%s\n" % PLANTED)
    for rel, text in SECTIONS.items():
        with open(os.path.join(kb, rel), "w", encoding="utf-8") as f:
            f.write(text.format(w=PLANTED))
    plant_escalation(kb, PLANTED)
    return hidden_ids


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--faqt", required=True)
    parser.add_argument("--source", required=True)
    options = parser.parse_args()
    failures = []
    with tempfile.TemporaryDirectory(prefix="faqt-leak-") as tmp:
        kb = os.path.join(tmp, "kb")
        shutil.copytree(os.path.join(options.source, "examples", "helpdesk"), kb,
                        ignore=shutil.ignore_patterns(".faqt"))
        hidden = plant(kb)
        if len(hidden) < 5:
            failures.append("only %d hidden articles planted in the example KB" % len(hidden))

        def run(*args):
            proc = subprocess.run([options.faqt, "-C", kb] + list(args), stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE)
            return proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")

        rc, _, err = run("index", "-q")
        if rc != 0:
            failures.append("index failed: " + err)
        # Agents see the planted word: the test would be empty otherwise.
        rc, out, _ = run("search", "--json", "--limit", "100", PLANTED)
        agent_hits = len(json.loads(out)["results"]) if rc == 0 else 0
        if agent_hits < 10:
            failures.append("agents found the planted word in only %d articles" % agent_hits)

        # Every public output: the word itself, its misspelling, a prefix, a
        # phrase, a field, facets, and every title word's snippets.
        queries = [[PLANTED], [PLANTED[:-1] + "x"], [PLANTED[:8] + "*"], ['"%s"' % PLANTED],
                   ["title:" + PLANTED]]
        rc, out, _ = run("list", "--json", "--drafts")
        titles = [a["title"] for a in json.loads(out)["articles"]] if rc in (0, 1) else []
        for title in titles:
            words = [w for w in re.findall(r"\w+", title) if len(w) > 3]
            if words:
                queries.append(words[:3])
        queries.append(["vpn", "printer", "password", "outlook", "internal", "notes", "secret"])
        queries.append(["printer", "flow", "spooler", "escalate", "l2"])
        outputs = []
        for q in queries:
            for extra in ([], ["--json"], ["--facets", "--limit", "100"], ["--explain", "--limit", "100"],
                          ["--explain", "--json", "--limit", "100"]):
                outputs.append(("search --public %s %s" % (" ".join(extra), " ".join(q)),
                                run("search", "--public", *extra, "--", *q)))
        outputs.append(("list --public --json", run("list", "--public", "--json")))
        outputs.append(("list --public", run("list", "--public")))
        # The canned answer of every public article, in every form.
        rc, out, _ = run("list", "--public", "--json")
        public = json.loads(out)["articles"] if rc in (0, 1) else []
        for a in public:
            for extra in (["--format", "text"], ["--format", "markdown"], ["--format", "html"], ["--json"]):
                args = ["answer", a["id"], "--lang", a.get("lang") or "en"] + extra
                outputs.append((" ".join(args), run(*args)))
        if len(public) < 20:
            failures.append("answer was tried on only %d public articles" % len(public))
        # An internal article's answer is refused without --internal.
        rc, out, _ = run("list", "--json", "--drafts")
        internal = [a for a in json.loads(out)["articles"] if a["visibility"] == "internal"] if rc in (0, 1) else []
        for a in internal:
            rc, out, err = run("answer", a["id"], "--lang", a.get("lang") or "en")
            if rc != 2 or out:
                failures.append("answer %s of an internal article exits %d with output %r" % (a["id"], rc, out[:200]))
            outputs.append(("answer " + a["id"], (rc, out, err)))
        if len(internal) < 3:
            failures.append("answer was refused on only %d internal articles" % len(internal))
        for what, (rc, out, err) in outputs:
            # The query echoed back as typed is the user's own text, not a leak.
            out = "\n".join(line for line in out.split("\n") if not line.startswith('  "query":'))
            if PLANTED in out or PLANTED in err:
                failures.append("%s shows the planted word:\n%s%s" % (what, out[:600], err[:300]))
            for group in ESCALATION_GROUPS:
                if group in out:
                    failures.append("%s shows the escalation group %s:\n%s" % (what, group, out[:600]))
        # No hidden article is listed as public.
        rc, out, _ = run("list", "--public", "--json")
        public_paths = {a["path"] for a in json.loads(out)["articles"]} if rc == 0 else set()
        for rel in list(hidden) + list(TRICKY):
            if rel.replace(os.sep, "/") in public_paths:
                failures.append("list --public lists the hidden %s" % rel)
        print("%d public outputs checked, %d hidden articles, agents see the word in %d"
              % (len(outputs), len(hidden) + len(TRICKY), agent_hits))
    for f in failures:
        print("FAILED: " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
