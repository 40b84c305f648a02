// The business-case commands: `ascent case import | list | show | profile | export`,
// `ascent programme`, `ascent budget-table`, `ascent risk` and `ascent report`.
// Registered on the CLI app by main; run if one of them was chosen.
#pragma once

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

namespace ascent::cli {

class CaseCommands {
public:
    // `db` is read when a command runs (after parsing).
    CaseCommands(CLI::App &app, const std::string &db);
    // The exit code of the chosen command, or nothing if none was chosen.
    std::optional<int> run();

private:
    const std::string &db_;
    CLI::App *new_ = nullptr, *import_ = nullptr, *list_ = nullptr, *show_ = nullptr, *profile_ = nullptr, *export_ = nullptr,
             *programme_ = nullptr, *budget_table_ = nullptr, *risk_ = nullptr, *report_ = nullptr;
    std::string case_, output_, as_at_, programme_file_, title_, first_year_;
    std::vector<std::string> cases_;
    int years_ = 3;
    int64_t trials_ = 10'000;
    uint64_t seed_ = 1;
    unsigned threads_ = 0;
    bool json_ = false;
};

} // namespace ascent::cli
