// Fuzz target: the search query language. parse_query() promises never to
// fail, so any text must give a query that Xapian can run. A small index
// lets spelling correction, wildcards and synonyms take their paths.

#include <stdlib.h>
#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <iterator>
#include <stdexcept>
#include <string_view>

#include "content/article.hpp"
#include "content/config.hpp"
#include "index/document_builder.hpp"
#include "index/query_parser.hpp"
#include "index/schema.hpp"
#include "index/terms.hpp"

namespace {

const faqt::Config& fuzz_config() {
    static const faqt::Config config = [] {
        auto loaded = faqt::parse_config("[synonyms]\nvpn = [\"remote access\", \"tunnel\"]\nmfa = [\"2fa\"]\n", "/kb");
        if (!loaded) {
            throw std::runtime_error("fuzz config does not parse: " + loaded.error().message);
        }
        return loaded->config;
    }();
    return config;
}

constexpr std::string_view k_articles[] = {
    "+++\ntitle = \"VPN disconnects every 10 minutes\"\ntype = \"known-error\"\ntags = [\"vpn\", \"wi-fi\"]\n"
    "products = [\"VPN Client 4.3.1\"]\n+++\n## Symptoms\nError 0x80070005 and ERR_CONN_RESET.\n"
    "## Workaround\nReconnect the tunnel.\n",
    "---\ntitle: Không đăng nhập được Outlook\ntags: [outlook, email]\n---\n## Triệu chứng\n"
    "Lỗi đăng nhập khi mở Outlook.\n",
    "+++\ntitle = \"Nie mogę się zalogować\"\n+++\nZałoguj się ponownie do poczty.\n",
    // Values over Xapian's term limit: indexed shortened, found by the same
    // long value in a query.
    "+++\ntitle = \"Long\"\ntags = [\""
    "tttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttt"
    "tttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttt"
    "tttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttt"
    "\"]\n+++\nLong tag.\n",
};

// A fresh folder for the index. libFuzzer ends with _Exit(), so nothing
// here could remove it: scripts/fuzz points TMPDIR into its work folder,
// which it removes.
std::filesystem::path make_temp_folder() {
    std::string name = (std::filesystem::temp_directory_path() / "faqt-fuzz-query.XXXXXX").string();
    if (::mkdtemp(name.data()) == nullptr) {
        throw std::runtime_error("cannot create a temp folder for the fuzz index");
    }
    return name;
}

Xapian::WritableDatabase& fuzz_db() {
    // Xapian's in-memory backend has no spelling or synonym tables, which
    // the parser reads, so the index is a real (glass) one on disk.
    static Xapian::WritableDatabase db = [] {
        Xapian::WritableDatabase built((make_temp_folder() / "index").string(), Xapian::DB_CREATE_OR_OVERWRITE);
        const char* const paths[] = {"network/vpn.md", "email/outlook.vi.md", "email/login.pl.md", "long.md"};
        for (std::size_t i = 0; i < std::size(k_articles); ++i) {
            const auto parsed = faqt::parse_article(k_articles[i], paths[i], fuzz_config());
            const auto doc = faqt::build_document(parsed.article, faqt::FileState{});
            built.add_document(doc.document);
            for (const auto& word : doc.spelling_words) {
                built.add_spelling(word);
            }
            for (const auto& [stem, word] : doc.stems) {
                built.add_synonym(std::string(faqt::schema::k_stem) + stem, word);
            }
        }
        built.commit();
        return built;
    }();
    return db;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    faqt::QueryContext context;
    context.db = &fuzz_db();
    context.config = &fuzz_config();
    context.stem_langs = {"en", "vi"};
    // Every term faqt makes fits Xapian's limit, whatever the value.
    if (faqt::terms::make_term("XC", text).size() > faqt::terms::k_max_xapian_term_bytes) {
        __builtin_trap();
    }
    const auto parsed = faqt::parse_query(text, context);
    Xapian::Enquire enquire(fuzz_db());
    enquire.set_query(parsed.query);
    enquire.get_mset(0, 10);
    return 0;
}
