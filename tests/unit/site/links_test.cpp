#include "site/links.hpp"

#include <catch2/catch.hpp>

#include "site_fixture.hpp"

using namespace faqt;
using Kind = LinkTarget::Kind;

namespace {

struct Scope {
    test::TempKb kb{{{"faqt.toml", ""},
                     {"network/img/router.png", "png"},
                     {"network/.hidden/key.txt", "x"},
                     {"network/files/setup guide.pdf", "pdf"}}};
    PublishedArticle vpn;
    std::map<std::string, const PublishedArticle*> articles;
    LinkScope scope;

    Scope() {
        vpn.id = "network/vpn";
        vpn.path = "network/vpn.md";
        articles[vpn.path] = &vpn;
        scope.root = kb.root();
        scope.articles = &articles;
    }
};

}  // namespace

TEST_CASE("a link to a public article's file leads to it, anchor kept") {
    Scope s;
    auto target = resolve_link("../network/vpn.md#workaround", false, "network/wifi.md", s.scope);
    CHECK(target.kind == Kind::article);
    CHECK(target.article == &s.vpn);
    CHECK(target.fragment == "workaround");
    CHECK(resolve_link("./vpn.md", false, "network/wifi.md", s.scope).kind == Kind::article);
    CHECK(resolve_link("network/vpn.md", false, "start.md", s.scope).kind == Kind::article);
}

TEST_CASE("a link to an article that is not public becomes text with a warning") {
    Scope s;
    auto target = resolve_link("internal-notes.md", false, "network/wifi.md", s.scope);
    CHECK(target.kind == Kind::text);
    CHECK(target.warning == "link to internal-notes.md: not a public article; written as plain text");
}

TEST_CASE("a link climbing out of the KB becomes text") {
    Scope s;
    auto target = resolve_link("../../outside.md", false, "network/wifi.md", s.scope);
    CHECK(target.kind == Kind::text);
    CHECK_THAT(target.warning, Catch::Contains("leads out of the knowledge base"));
    CHECK(resolve_link("../../../etc/passwd", true, "network/wifi.md", s.scope).kind == Kind::text);
    CHECK(resolve_link("/etc/passwd", false, "network/wifi.md", s.scope).kind == Kind::text);
}

TEST_CASE("a file of the KB is an attachment; a missing or hidden one is text") {
    Scope s;
    auto image = resolve_link("img/router.png", true, "network/wifi.md", s.scope);
    CHECK(image.kind == Kind::attachment);
    CHECK(image.kb_path == "network/img/router.png");
    auto encoded = resolve_link("files/setup%20guide.pdf", false, "network/wifi.md", s.scope);
    CHECK(encoded.kind == Kind::attachment);
    CHECK(encoded.kb_path == "network/files/setup guide.pdf");
    CHECK(resolve_link("img/missing.png", true, "network/wifi.md", s.scope).kind == Kind::text);
    CHECK(resolve_link(".hidden/key.txt", false, "network/wifi.md", s.scope).kind == Kind::text);
}

TEST_CASE("external links are kept, external images and unsafe schemes are not") {
    Scope s;
    CHECK(resolve_link("https://example.com/x", false, "a.md", s.scope).kind == Kind::keep);
    CHECK(resolve_link("mailto:help@example.com", false, "a.md", s.scope).kind == Kind::keep);
    CHECK(resolve_link("#cause", false, "a.md", s.scope).kind == Kind::keep);
    CHECK(resolve_link("https://example.com/x.png", true, "a.md", s.scope).kind == Kind::text);
    CHECK(resolve_link("//cdn.example.com/x.png", true, "a.md", s.scope).kind == Kind::text);
    CHECK(resolve_link("javascript:alert(1)", false, "a.md", s.scope).kind == Kind::text);
    CHECK(resolve_link("data:text/html,x", false, "a.md", s.scope).kind == Kind::text);
}

TEST_CASE("an external link whose host or port is not valid becomes text") {
    Scope s;
    CHECK(resolve_link("https://mail.\\", false, "a.md", s.scope).kind == Kind::text);
    CHECK(resolve_link("http://companyweb):Error", false, "a.md", s.scope).kind == Kind::text);
    CHECK(resolve_link("https://example.com:8443/x", false, "a.md", s.scope).kind == Kind::keep);
    CHECK(resolve_link("https://user@example.com/", false, "a.md", s.scope).kind == Kind::keep);
    CHECK(resolve_link("https://[::1]:80/", false, "a.md", s.scope).kind == Kind::keep);
}
