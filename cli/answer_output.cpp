#include "cli/answer_output.hpp"

#include <cstdio>

#include "cli/clipboard.hpp"
#include "cli/output.hpp"
#include "content/lookup.hpp"

namespace faqt::cli {

Result<std::vector<std::pair<std::string, std::string>>> parse_vars(const std::vector<std::string>& vars) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& var : vars) {
        auto eq = var.find('=');
        if (eq == std::string::npos || eq == 0) {
            return Error(ErrorCode::usage, "--var '" + var + "' is not name=value",
                         "write --var " + (eq == 0 ? std::string("customer") : var) + "=VALUE");
        }
        out.emplace_back(var.substr(0, eq), var.substr(eq + 1));
    }
    return out;
}

Result<const Article*> article_for_id(const LoadedKb& kb, std::string_view query, std::string_view lang,
                                      const Context& ctx) {
    auto id = resolve_id(kb.articles, query);
    if (!id) {
        return id.error();
    }
    std::vector<const Article*> same_id;
    for (const auto& a : kb.articles) {
        if (a.id == *id) {
            same_id.push_back(&a);
        }
    }
    auto chosen = choose_translation(same_id, lang, kb.config.default_lang);
    if (!chosen.warning.empty() && !ctx.global.quiet) {
        warn(chosen.warning);
    }
    return chosen.article;
}

std::string walk_command(std::string_view id) {
    return "faqt walk " + std::string(id);
}

Error flow_is_no_answer(std::string_view id) {
    return Error(ErrorCode::usage,
                 "'" + std::string(id) + "' is a troubleshooting flow: it is walked with the customer, not pasted",
                 "walk it with '" + walk_command(id) + "'");
}

int copy_printed(std::string_view text, const Context& ctx) {
    std::fflush(stdout);
    auto copied = copy_to_clipboard(text);
    if (!copied) {
        return ctx.report(copied.error());
    }
    if (!ctx.global.quiet) {
        for (const auto& failure : copied->failures) {
            warn(failure);
        }
        write_text(stderr,
                   "faqt: copied to the clipboard with " + std::string(clipboard_method_name(copied->method)) + "\n",
                   false);
    }
    return k_exit_ok;
}

std::string answer_text(const CannedAnswer& answer) {
    std::string out;
    if (answer.internal) {
        if (answer.format == AnswerFormat::html) {
            out += "<p class=\"faqt-internal\"><strong>" + std::string(k_internal_mark) + "</strong></p>\n";
        } else {
            out += std::string(k_internal_mark) + "\n\n";
        }
    }
    out += answer.text;
    return out;
}

void write_answer_json(JsonWriter& json, const CannedAnswer& answer) {
    json.begin_object();
    json.field("id", answer.id);
    json.field("title", answer.title);
    json.field("lang", answer.lang);
    json.field("visibility", answer.internal ? "internal" : "public");
    json.field("section", to_string(answer.section));
    json.field("format", to_string(answer.format));
    json.field("text", answer.text);
    json.key("placeholders").begin_object();
    for (const auto& [name, value] : answer.placeholders) {
        json.field(name, value);
    }
    json.end_object();
    json.end_object();
}

}  // namespace faqt::cli
