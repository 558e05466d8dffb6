#include <catch2/catch.hpp>

#include "content/version_compare.hpp"

using faqt::compare_versions;
using faqt::version_sort_key;

TEST_CASE("versions compare as dotted numbers", "[version]") {
    CHECK(compare_versions("4.3.1", "4.3.1") == 0);
    CHECK(compare_versions("4.10", "4.9") > 0);
    CHECK(compare_versions("4.3", "4.3.1") < 0);
    CHECK(compare_versions("4.3.0", "4.3") > 0);
    CHECK(compare_versions("v4.3", "4.3") == 0);
    CHECK(compare_versions("04.3", "4.3") == 0);
    CHECK(compare_versions("7.2", "7.2b") < 0);
    CHECK(compare_versions("2024.2", "2023.12") > 0);
    CHECK(compare_versions("", "1") < 0);
}

TEST_CASE("sort keys order like compare_versions", "[version]") {
    const char* versions[] = {"",      "1",   "1.0",   "1.2",   "1.2b", "1.10", "2",
                              "2.0.1", "4.3", "4.3.0", "4.3.1", "4.10", "10",   "2024.2"};
    for (const char* a : versions) {
        for (const char* b : versions) {
            int by_compare = compare_versions(a, b);
            int by_key = version_sort_key(a).compare(version_sort_key(b));
            INFO(a << " vs " << b);
            CHECK((by_compare < 0) == (by_key < 0));
            CHECK((by_compare == 0) == (by_key == 0));
        }
    }
}
