// `ascent serve`: the HTTP API and browser UI over the ledger, until Ctrl-C.
#pragma once

#include <CLI/CLI.hpp>

#include <optional>
#include <string>

#include "server/server.hpp"

namespace ascent::cli {

class ServeCommand {
public:
    ServeCommand(CLI::App &app, const std::string &db);
    std::optional<int> run();

private:
    const std::string &db_;
    CLI::App *serve_ = nullptr;
    server::ServeOptions options_;
};

} // namespace ascent::cli
