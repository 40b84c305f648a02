// The account commands: `ascent user add | list | role | disable | enable | password` (who may sign
// in to `ascent serve`, with which role) and `ascent audit` (the append-only audit trail).
#pragma once

#include <CLI/CLI.hpp>

#include <optional>
#include <string>

namespace ascent::cli {

class AccountCommands {
public:
    // `db` is read when a command runs (after parsing).
    AccountCommands(CLI::App &app, const std::string &db);
    std::optional<int> run();

private:
    const std::string &db_;
    CLI::App *add_ = nullptr, *list_ = nullptr, *role_ = nullptr, *disable_ = nullptr, *enable_ = nullptr,
             *password_ = nullptr, *audit_ = nullptr;
    std::string name_, role_name_ = "viewer", output_;
    bool generate_ = false;
    int64_t after_ = 0;
    std::size_t limit_ = 100;
};

} // namespace ascent::cli
