// `ascent dps`: the dynamic purchasing system's register: admit providers to lots and zones,
// advertise a package request, record bids, award, and list it all with time to place.
#pragma once

#include <CLI/CLI.hpp>

#include <optional>
#include <string>

namespace ascent::cli {

class DpsCommands {
public:
    DpsCommands(CLI::App &app, const std::string &db);
    std::optional<int> run();

private:
    const std::string &db_;
    CLI::App *admit_ = nullptr, *advertise_ = nullptr, *bid_ = nullptr, *award_ = nullptr, *list_ = nullptr;
    std::string provider_, lot_, zone_, rate_, cqc_, on_, request_, spec_, person_, case_, price_, answers_;
    bool withdrawn_ = false;
};

} // namespace ascent::cli
