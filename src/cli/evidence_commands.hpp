// The evidence commands: `ascent evidence` (what other councils did and saved, searched by lever,
// theme, council or words) and `ascent evidence check` (the library's amounts checked).
#pragma once

#include <CLI/CLI.hpp>

#include <optional>
#include <string>

namespace ascent::cli {

class EvidenceCommands {
public:
    explicit EvidenceCommands(CLI::App &app);
    std::optional<int> run();

private:
    CLI::App *evidence_ = nullptr, *check_ = nullptr;
    std::string lever_, theme_, council_, words_, kind_;
};

} // namespace ascent::cli
