#!/usr/bin/env python3
"""Writes strings.jsonl, the strings the agreement test of the browser
search's word rules runs on (README.md here): one JSON string per line.

  tests/js/text/make_strings.py [--corpus DIR] > tests/js/text/strings.jsonl

The set is deterministic: the titles of the officedocs-support corpus and a
fixed sample of its lines, the questions and rephrasings of stackfaq, the
strings written below, and one string per character of the character
table's fixed blocks. DIR is the folder holding officedocs-support/ and
stackfaq/ (default: ../shared/corpus beside the repository, then
/work/shared/corpus)."""

import argparse
import json
import os
import sys
import unicodedata
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.abspath(os.path.join(HERE, "..", "..", ".."))

# Written to hold what the corpus lacks: other languages and scripts, codes
# and versions, compatibility characters, combining sequences.
WRITTEN = [
    # Vietnamese, precomposed and decomposed
    "Lỗi đăng nhập khi kết nối VPN",
    "Không thể đăng nhập vào Outlook sau khi đổi mật khẩu",
    "Cách khắc phục tạm thời: khởi động lại máy in",
    "ĐĂNG NHẬP THẤT BẠI — mã lỗi 0x80070005",
    "Làm sao để đặt lại mật khẩu Wi-Fi?",
    "Tại sao máy tính của tôi chạy chậm?",
    "Lo\u0302\u0303i đa\u0306ng nha\u0302\u0323p",
    "Thiết bị không nhận USB 3.0",
    "Hướng dẫn cài đặt Office 365 trên Windows 10",
    "Đường truyền mạng bị gián đoạn mỗi 10 phút",
    # Polish
    "Nie mogę się zalogować do poczty",
    "Załoguj się ponownie, żeby zsynchronizować pliki",
    "Jak zmienić hasło w Outlooku?",
    "ZAŻÓŁĆ GĘŚLĄ JAŹŃ",
    "Błąd 0x800CCC0E podczas wysyłania wiadomości",
    "Drukarka nie drukuje: sprawdź kolejkę wydruku",
    "Łączność Wi-Fi zrywa się co 5 minut",
    # German
    "Straße, STRASSE und Strasse sind dasselbe Wort",
    "Größe der Postfächer überschreitet das Kontingent",
    "Übermäßige Anmeldeversuche: Konto gesperrt",
    "GROẞBUCHSTABEN mit großem ẞ",
    "Öffnen Sie die Einstellungen über Start → Einstellungen",
    "Fehlercode 0x8024402C beim Windows-Update",
    # French
    "Impossible d'ouvrir le fichier : accès refusé",
    "L’élève a oublié son mot de passe",
    "Œuvre, cœur, sœur et Cœur",
    "Ça ne marche pas après la mise à jour 4.3.1",
    "Où se trouve le paramètre « Réseau » ?",
    "Créer un nouveau profil Outlook (étape 1 sur 3)",
    "naïve façade déjà-vu Noël",
    # Turkish dotted and dotless i
    "İstanbul ISTANBUL istanbul ıstanbul",
    "Dİkkat: şifre değiştirilemedi",
    "KIRMIZI kırmızı Iğdır ığdır",
    "i\u0307 I\u0307 İ ı I i",
    "Türkçe karakterler: ç ğ ı ö ş ü Ç Ğ İ Ö Ş Ü",
    # Scandinavian, Icelandic, Latin extras
    "Ærø og Ålborg, Øresund",
    "Þórður fór í sund, Þingvellir",
    "æther ÆTHER encyclopædia",
    "Đorđe Ðurić đak",
    "ŀ Ŀ ŉ ſ ǅ ǆ Ǆ ǈ ǋ",
    # Ligatures and presentation forms
    "ﬁle ﬂow ﬀ ﬃ ﬄ ﬅ ﬆ",
    "The ﬁrst ﬂoor oﬃce",
    "œ æ Œ Æ ĳ Ĳ",
    "ﬓ ﬔ ﬕ ﬖ ﬗ",
    # Full-width and half-width forms
    "ＶＰＮ　ｄｉｓｃｏｎｎｅｃｔｓ　１０",
    "ｅｒｒｏｒ＿ｃｏｄｅ　４．３．１",
    "ﾊﾟｽﾜｰﾄﾞ　パスワード",
    "Ｗｉ－Ｆｉ（５ＧＨｚ）",
    "０ｘ８００７０００５",
    # Error codes, versions, identifiers
    "0x80070005",
    "Error 0x80070005 when saving",
    "ERR_CONN_RESET",
    "Chrome says ERR_CONNECTION_TIMED_OUT.",
    "net::ERR_CERT_AUTHORITY_INVALID",
    "AADSTS50076 AADSTS700016 AADSTS50158",
    "v2.10 v2.10.1 4.3.1 4.3. 4..3 .5 5. 1.2.3.4.5",
    "fixed in 4.3.1, not 4.2",
    "Upgrade to 16.0.14326.20404 or later",
    "_leading and trailing_ __init__ a__b a_ _b",
    "file.txt v1.x 1.x x.1 1_2 1_a a_1",
    "HTTP 404, 500 and 503 errors",
    "KB5034441 fails with 0x80070643",
    "INC-4411 INC4411 inc 4411",
    "covid19 covid-19 covid 19 COVID-19 windows10 office365",
    "Windows 11 22H2 build 22621.2715",
    "C:\\Users\\admin\\AppData\\Local\\Temp",
    "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
    "user@example.com sent 3 messages",
    "WINWORD.EXE /safe",
    "SMTP 5.7.1 Client was not authenticated",
    "550 5.1.10 RESOLVER.ADR.RecipientNotFound",
    "Event ID 4625, status 0xC000006D",
    "E_FAIL E_ACCESSDENIED S_OK",
    # Mixed scripts
    "Outlook と Teams の同期エラー",
    "打印机无法连接 printer offline",
    "프린터 연결 오류 Printer error",
    "Ошибка входа в Outlook 2016",
    "ПРИНТЕР не печатает, ошибка 0x00000709",
    "Ελληνικά: ΟΔΟΣ οδος Οδός ΣΊΣΥΦΟΣ σίσυφος",
    "ΣΑΣ σας Σας ςσΣ",
    "עברית Outlook בעיה",
    "مشكلة في تسجيل الدخول Outlook",
    "ข้อผิดพลาดในการเชื่อมต่อ VPN",
    "हिन्दी में त्रुटि संदेश",
    "Հայերեն Ա ա",
    "ქართული შეცდომა",
    "Ελληνικά ΐ ΰ ϐ ϑ ϕ ϖ ϰ ϱ ϵ",
    # Digits of other scripts
    "١٢٣٤ ٥.٦ ٧_٨ ۱۲۳ १२३ ๑๒๓",
    "²³ ½ ⅓ ① ⑩ Ⅻ ⅻ",
    # Combining sequences
    "e\u0301 E\u0301 a\u0300\u0301 o\u0308\u0304 n\u0303",
    "cafe\u0301 au lait",
    "\u0301leading mark",
    "a\u0332b\u0332c\u0332 underlined",
    "Z\u0351\u036b\u0343\u036a\u0302\u036b\u033d\u034f\u0334\u0319\u0324\u031e\u0349\u035a\u032f\u031e\u0320\u034dA\u036b\u0357\u0334\u0362\u0335\u031c\u0330\u0354L\u0368\u0367\u0369\u0358\u0320G\u0311\u0357\u030e\u0305\u035b\u0341\u0334\u033b\u0348\u034d\u0354\u0339O\u0342\u030c\u030c\u0358\u0328\u0335\u0339\u033b\u031d\u0333",
    "1\u0301 _\u0301 .\u0301 x_\u0301 1.\u03012",
    "q\u0307\u0323 \u1e0b\u0323 d\u0323\u0307",
    "\u1100\u1161\u11a8 가각 한국어",
    "\u0915\u094d\u0937 क्ष",
    # Emoji and symbols
    "Printer 🖨️ offline 😀 again",
    "👍🏽 👨‍👩‍👧 🇻🇳 🏳️‍🌈",
    "Smile😀face x😀y 1😀2 a_😀 😀_a",
    "™ ℃ ℉ № ℗ ℠ Ω K Å ℮ ⅍",
    "…—–‐‑‒―‘’‚‛“”„‟•‣․‥‧",
    "Ⓐ ⓐ 🄰 🅐 𝐀𝐁𝐂 𝒶𝒷𝒸 𝔸𝔹ℂ",
    "𝟎𝟏𝟐 𝟘𝟙𝟚 𝟶𝟷𝟸",
    "𐐀𐐨 𐐷 𞤀𞤢",
    # Spaces and invisible characters
    "no\u00a0break\u202fnarrow\u2009thin\u200bzero\u2060joiner",
    "soft\u00adhyphen and zero\u200dwidth\u200cjoiners",
    "\ufeffbyte order mark",
    "tab\there and\u3000ideographic space",
    "right\u200fto\u200eleft marks",
    # Question words (index/rerank.cpp's question types)
    "How long does a backup take?",
    "how many licences do I need",
    "How to reset my password",
    "What is MFA?",
    "What's new in Teams",
    "whats the error",
    "Which version fixes it?",
    "Where are my files?",
    "Why is Outlook slow?",
    "When does the update run?",
    "Who can approve access?",
    "Can I use Teams offline?",
    "Does OneDrive sync shared folders?",
    "Is VPN required?",
    "hi, how do I print",
    "hello there team, how much storage",
    "Please tell me why",
    "Printer jammed how",
    "HOW OFTEN should I restart",
    "Có thể đăng nhập không?",
    # Stopwords and words with numbers
    "the a an of in on to for with",
    "I'm it's im its",
    "in 2024 at 10 to 3",
    "windows 10 office 365 covid 19",
    "windows  10 windows-10 windows_10 windows.10",
    "ab1 a1 abc123def x86 x64 arm64 ipv6 h264 mp3",
    "1st 2nd 3rd 4th 10x 3d",
    # Long and odd
    "a",
    "",
    "   ",
    "_",
    ".",
    "...",
    "___",
    "-",
    "a-b-c-d",
    "x" * 300,
    "ab" * 60 + "12345",
]

# Characters templates: each character of the fixed blocks between letters,
# next to '_' and '.', doubled, and after digits.
TEMPLATE = "Ab{c}cD {c}_x y_{c} 1.{c}2 {c}{c} 9{c}9 {c}"

BLOCKS = [
    (0x0080, 0x00FF),
    (0x0100, 0x017F),
    (0x0180, 0x024F),
    (0x0250, 0x02AF),
    (0x0300, 0x036F),
    (0x0370, 0x03FF),
    (0x0400, 0x04FF),
    (0x1E00, 0x1EFF),
    (0x2000, 0x206F),
    (0x2100, 0x214F),
    (0xFB00, 0xFB4F),
    (0xFF00, 0xFFEF),
]

# Officedocs lines: a line is taken when its CRC-32 falls in this share.
SAMPLE_MODULUS = 14
MAX_LINE = 240


def find_corpus(given):
    candidates = [given] if given else []
    candidates += [os.path.join(SOURCE, "..", "shared", "corpus"), "/work/shared/corpus"]
    for folder in candidates:
        if folder and os.path.isdir(os.path.join(folder, "officedocs-support")):
            return folder
    return None


def clean(text):
    """One line, at most MAX_LINE characters, without line breaks."""
    text = text.replace("\r", " ").replace("\n", " ").strip()
    return text[:MAX_LINE]


def officedocs(corpus):
    titles = []
    lines = []
    root = os.path.join(corpus, "officedocs-support")
    files = []
    for folder, _dirs, names in os.walk(root):
        for name in names:
            if name.endswith(".md"):
                files.append(os.path.join(folder, name))
    for path in sorted(files, key=lambda p: os.path.relpath(p, root).encode("utf-8")):
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        in_front = text.startswith("---")
        for number, line in enumerate(text.split("\n")):
            if in_front:
                if number > 0 and line.strip() == "---":
                    in_front = False
                elif line.startswith("title:"):
                    titles.append(clean(line[len("title:"):].strip().strip("'\"")))
                continue
            line = clean(line)
            if line.startswith("# "):
                titles.append(line[2:])
            elif len(line) >= 12 and zlib.crc32(line.encode("utf-8")) % SAMPLE_MODULUS == 0:
                lines.append(line)
    return titles, lines


def stackfaq(corpus):
    path = os.path.join(corpus, "stackfaq", "stackExchange-FAQ.json")
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    out = []
    for pair in data["root"]["qapair"]:
        out.append(clean(pair.get("question") or ""))
        for rephrasing in pair.get("rephr") or []:
            if rephrasing and rephrasing != "*":
                out.append(clean(rephrasing))
    return out


def characters():
    out = []
    for first, last in BLOCKS:
        for code in range(first, last + 1):
            c = chr(code)
            if unicodedata.category(c) in ("Cn", "Cs") or c in "\r\n":
                continue
            out.append(TEMPLATE.format(c=c))
    return out


def encode(text):
    """A JSON string with every control and invisible formatting character
    escaped, so the file shows as it reads."""
    out = []
    for c in json.dumps(text, ensure_ascii=False)[1:-1]:
        if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp"):
            units = c.encode("utf-16-be")
            for i in range(0, len(units), 2):
                out.append("\\u%02x%02x" % (units[i], units[i + 1]))
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", help="folder holding officedocs-support/ and stackfaq/")
    args = parser.parse_args()
    corpus = find_corpus(args.corpus)
    if corpus is None:
        sys.exit("make_strings.py: the corpus is not found; give --corpus")
    titles, lines = officedocs(corpus)
    strings = []
    seen = set()
    for text in WRITTEN + stackfaq(corpus) + titles + lines + characters():
        if text not in seen and "\n" not in text:
            seen.add(text)
            strings.append(text)
    sys.stdout.write("".join(encode(s) + "\n" for s in strings))
    print("%d strings" % len(strings), file=sys.stderr)


if __name__ == "__main__":
    main()
