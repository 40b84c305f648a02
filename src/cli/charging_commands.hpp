// The charging commands: `ascent assess`, and `ascent charging simulate | uprate | backlog |
// parameters | runs`. Registered on the CLI app by main; run if one of them was chosen.
#pragma once

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

namespace ascent::cli {

class ChargingCommands {
public:
    // `db` is read when a command runs (after parsing).
    ChargingCommands(CLI::App &app, const std::string &db);
    // The exit code of the chosen charging command, or nothing if none was chosen.
    std::optional<int> run();

private:
    const std::string &db_;
    CLI::App *assess_ = nullptr, *simulate_ = nullptr, *uprate_ = nullptr, *backlog_ = nullptr, *load_ = nullptr,
             *list_ = nullptr, *runs_ = nullptr;
    std::string person_, case_file_, case_id_, on_, options_file_, output_, to_, from_, run_by_, model_file_, file_;
    std::string weeks_; // empty: the council's setting
    std::vector<std::string> parameter_files_;
    bool apply_ = false, preview_ = false;
    std::size_t limit_ = 20;
};

} // namespace ascent::cli
