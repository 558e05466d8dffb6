#include "index/term_writer.hpp"

#include "content/markdown.hpp"
#include "content/text.hpp"
#include "index/plain_text.hpp"
#include "index/schema.hpp"
#include "index/terms.hpp"

namespace faqt {

TermWriter::TermWriter(TermSink& sink, std::string lang) : m_sink(sink), m_lang(std::move(lang)) {
    m_stems = terms::has_stemmer(m_lang);
}

void TermWriter::index(std::string_view text, TermField field) {
    // Words joined by '-' ("Wi-Fi", "sign-in") are separate words for
    // split_words(); the joined form is indexed too, so "wifi" finds them.
    std::string chain;
    int chain_words = 0;
    std::size_t previous_end = std::string_view::npos;
    std::string previous;
    for (const auto& span : find_words(text)) {
        std::string_view word = text.substr(span.offset, span.length);
        bool hyphenated =
            previous_end != std::string_view::npos && span.offset == previous_end + 1 && text[previous_end] == '-';
        if (!hyphenated) {
            flush_chain(chain, chain_words);
        }
        add_word(word, field);
        std::string folded = terms::fold_word(word);
        if (previous_end != std::string_view::npos) {
            // "covid 19" is also indexed as "covid19" (terms::joined_name_number).
            add_joined(
                terms::joined_name_number(previous, text.substr(previous_end, span.offset - previous_end), folded));
        }
        chain += folded;
        ++chain_words;
        previous_end = span.offset + span.length;
        previous = std::move(folded);
    }
    flush_chain(chain, chain_words);
    m_pos += schema::k_field_gap;
}

void TermWriter::index_internal(std::string_view text) {
    const std::string_view prefix = schema::k_internal_text;
    for (const auto& span : find_words(text)) {
        std::string_view word = text.substr(span.offset, span.length);
        if (word.size() > schema::k_max_term_bytes) {
            continue;
        }
        std::string folded = terms::fold_word(word);
        if (folded.empty() || folded.size() > schema::k_max_term_bytes) {
            continue;
        }
        m_sink.add_posting(terms::make_term(prefix, folded), ++m_pos);  // positions: agents search phrases too
        std::string exact = terms::lower_word(word);
        if (exact != folded && !exact.empty()) {
            m_sink.add_term(terms::make_term(prefix, exact));
        }
        for (const auto& part : terms::compound_parts(folded)) {
            m_sink.add_term(terms::make_term(prefix, part));
        }
        for (const auto& part : terms::number_parts(folded)) {
            m_sink.add_term(terms::make_term(prefix, part));
        }
    }
    m_pos += schema::k_field_gap;
}

void TermWriter::add_joined(const std::string& joined) {
    if (!joined.empty() && joined.size() <= schema::k_max_term_bytes) {
        m_sink.add_term(terms::make_term("", joined));
    }
}

void TermWriter::flush_chain(std::string& chain, int& words) {
    if (words >= 2 && chain.size() <= schema::k_max_term_bytes) {
        m_sink.add_term(terms::make_term("", chain));
    }
    chain.clear();
    words = 0;
}

void TermWriter::add_word(std::string_view word, TermField field) {
    if (word.size() > schema::k_max_term_bytes) {
        return;
    }
    std::string folded = terms::fold_word(word);
    if (folded.empty() || folded.size() > schema::k_max_term_bytes) {
        return;
    }
    ++m_pos;
    m_sink.add_posting(terms::make_term("", folded), m_pos);
    std::string exact = terms::lower_word(word);
    if (exact != folded && !exact.empty()) {
        m_sink.add_term(terms::make_term("", exact));
    }
    std::string stemmed = m_stems ? terms::stem(m_lang, folded) : folded;
    if (stemmed != folded) {
        m_stem_pairs.emplace(stemmed, folded);
    }
    if (field == TermField::title) {
        m_sink.add_term(terms::make_term(schema::k_title, stemmed));
        ++m_title_words;
    } else if (field == TermField::heading) {
        m_sink.add_term(terms::make_term(schema::k_heading, stemmed));
        ++m_heading_words;
    }
    // ERR_CONN_RESET is also found by "conn reset", covid19 by "covid".
    for (const auto& part : terms::compound_parts(folded)) {
        m_sink.add_term(terms::make_term("", part));
    }
    for (const auto& part : terms::number_parts(folded)) {
        m_sink.add_term(terms::make_term("", part));
    }
}

WrittenText write_text_terms(TermWriter& writer, const IndexedText& text) {
    WrittenText written;
    writer.index(*text.title, TermField::title);
    written.title_end = writer.position() - schema::k_field_gap;
    for (const auto& alias : *text.aliases) {
        writer.index(alias, TermField::title);
    }
    writer.index(*text.summary, TermField::heading);
    for (const auto& tag : *text.tags) {
        writer.index(tag, TermField::heading);
    }
    for (const auto& product : *text.products) {
        writer.index(product, TermField::body);
    }
    if (text.tickets != nullptr) {
        for (const auto& ticket : *text.tickets) {
            writer.index(ticket, TermField::body);  // "INC-4411": inc, 4411 and inc4411
        }
    }
    std::string intro = markdown_to_text(*text.intro);
    writer.index(intro, TermField::body);
    written.stored_text += intro;
    for (const auto& section : *text.sections) {
        writer.index(section.heading, TermField::heading);
        std::string plain = markdown_to_text(section.markdown);
        writer.index(plain, TermField::body);
        append_snippet_section(written.stored_text, section, plain);
    }
    return written;
}

std::vector<std::string> id_suffixes(std::string_view id) {
    std::vector<std::string> out;
    const std::string lower = ascii_lower(id);
    for (std::size_t pos = 0;;) {
        out.push_back(lower.substr(pos));
        const std::size_t slash = lower.find('/', pos);
        if (slash == std::string::npos) {
            break;
        }
        pos = slash + 1;
    }
    return out;
}

}  // namespace faqt
