#pragma once
// Result<T>: a value or an Error, for failures the user can cause and fix
// (a missing article, a broken faqt.toml, a locked index). Libraries return
// these; cli/ turns the Error into "faqt: error: ..." plus a hint and an exit
// code. Exceptions are reserved for bugs.

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace faqt {

enum class ErrorCode {
    not_found,      // nothing matched (exit 1)
    usage,          // bad arguments, ambiguous id (exit 2)
    config,         // missing or broken faqt.toml (exit 2)
    io,             // a file or folder could not be read or written (exit 3)
    index_locked,   // another writer holds the index (exit 3)
    index_damaged,  // the index cannot be opened or read (exit 3)
    internal,       // anything else at run time (exit 3)
};

struct Error {
    ErrorCode code = ErrorCode::internal;
    std::string message;
    std::string hint;

    Error() = default;
    Error(ErrorCode c, std::string msg, std::string h = {}) : code(c), message(std::move(msg)), hint(std::move(h)) {}
};

template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_value(std::move(value)) {}
    Result(Error error) : m_value(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_value); }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<T>(m_value); }
    const T& value() const& { return std::get<T>(m_value); }
    T&& value() && { return std::get<T>(std::move(m_value)); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    const Error& error() const { return std::get<Error>(m_value); }

private:
    std::variant<T, Error> m_value;
};

// Result<void>: success or an Error.
template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)) {}

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

}  // namespace faqt
