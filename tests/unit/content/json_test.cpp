#include "content/json.hpp"

#include <catch2/catch.hpp>

#include <string>

using faqt::hex_bytes;
using faqt::json_escape;
using faqt::JsonWriter;

TEST_CASE("json_escape escapes quotes, backslashes and C0 controls", "[json]") {
    CHECK(json_escape("a\"b\\c") == "a\\\"b\\\\c");
    CHECK(json_escape("line\nnext\ttab\rcr") == "line\\nnext\\ttab\\rcr");
    CHECK(json_escape("\x1b]52;c;aGk=\x07") == "\\u001b]52;c;aGk=\\u0007");
    CHECK(json_escape("del\x7f") == "del\\u007f");
}

TEST_CASE("json_escape escapes C1 controls and keeps other UTF-8", "[json]") {
    CHECK(json_escape("csi \xc2\x9b"
                      "2J") == "csi \\u009b2J");
    CHECK(json_escape("Lỗi đăng nhập") == "Lỗi đăng nhập");
    CHECK(json_escape("nbsp\xc2\xa0") == "nbsp\xc2\xa0");
}

TEST_CASE("json_escape writes U+FFFD for bytes that are not UTF-8", "[json]") {
    CHECK(json_escape("b\xff.md") == "b\xef\xbf\xbd.md");
    CHECK(json_escape("cut \xe1\xbb") == "cut \xef\xbf\xbd");
    // An encoded surrogate is not UTF-8 either.
    CHECK(json_escape("\xed\xa0\x80") != "\xed\xa0\x80");
}

TEST_CASE("hex_bytes gives lower-case hex of every byte", "[json]") {
    CHECK(hex_bytes("") == "");
    CHECK(hex_bytes("b\xff.md") == "62ff2e6d64");
}

TEST_CASE("path adds the exact bytes only for a path that is not UTF-8", "[json]") {
    JsonWriter plain(false);
    plain.begin_object().path("path", "network/vpn.md").end_object();
    CHECK(plain.str() == R"({"path":"network/vpn.md"})");

    JsonWriter bad(false);
    bad.begin_object().path("path", "b\xff.md").field("line", 3).end_object();
    CHECK(bad.str() == "{\"path\":\"b\xef\xbf\xbd.md\",\"path_bytes\":\"62ff2e6d64\",\"line\":3}");
}

TEST_CASE("keys keep the order they were written in", "[json]") {
    JsonWriter json(false);
    json.begin_object().field("z", 1).field("a", "x").key("list").strings({"b", "a"}).end_object();
    CHECK(json.str() == R"({"z":1,"a":"x","list":["b", "a"]})");
}

TEST_CASE("strings and keys are escaped like values", "[json]") {
    JsonWriter json(false);
    json.begin_object().field("k\x1b", "v").key("tags").strings({"t\x1b]0;x\x07", "\xff"}).end_object();
    CHECK(json.str() == "{\"k\\u001b\":\"v\",\"tags\":[\"t\\u001b]0;x\\u0007\", \"\xef\xbf\xbd\"]}");
}
