// Progression plans and housing options: `ascent progression add | list | step | close | size` and
// `ascent housing matrix | test`.
#pragma once

#include <CLI/CLI.hpp>

#include <optional>
#include <string>

namespace ascent::cli {

class ProgressionCommands {
public:
    // `db` is read when a command runs (after parsing).
    ProgressionCommands(CLI::App &app, const std::string &db);
    std::optional<int> run();

private:
    const std::string &db_;
    CLI::App *add_ = nullptr, *list_ = nullptr, *step_ = nullptr, *close_ = nullptr, *size_ = nullptr, *matrix_ = nullptr, *test_ = nullptr;
    std::string file_, on_, note_, status_, saving_, weeks_, case_line_, person_, matrix_file_;
    int64_t plan_ = 0, people_ = 0;
    int seq_ = 0, level_ = 0;
};

} // namespace ascent::cli
