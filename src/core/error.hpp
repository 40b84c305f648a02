// Error types shared by every layer.
//
// Exceptions are for errors that abort the operation (a missing file, a broken store, a bad
// argument). Expected problems in data (a bad row in an import) are values, collected in
// reports, never thrown. Each category maps once to a CLI exit code (see cli/main.cpp).
#pragma once

#include <stdexcept>
#include <string>

namespace ascent {

enum class ErrorKind {
    input,    // the user gave us something we cannot use (argument, file, expression)
    data,     // stored or imported data breaks a rule
    storage,  // the database failed
    internal  // a bug in ascent
};

class Error : public std::runtime_error {
public:
    Error(ErrorKind kind, const std::string &message) : std::runtime_error(message), kind_(kind) {}
    ErrorKind kind() const { return kind_; }

private:
    ErrorKind kind_;
};

inline Error input_error(const std::string &message) { return Error(ErrorKind::input, message); }
inline Error data_error(const std::string &message) { return Error(ErrorKind::data, message); }
inline Error storage_error(const std::string &message) { return Error(ErrorKind::storage, message); }

} // namespace ascent
