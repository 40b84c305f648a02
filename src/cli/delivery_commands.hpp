// The delivery commands: `ascent review assign | record | list` (review worklists and outcomes)
// and `ascent delivery` (realised savings from the ledger, by case and lever, RAG, productivity).
#pragma once

#include <CLI/CLI.hpp>

#include <optional>
#include <string>

namespace ascent::cli {

class DeliveryCommands {
public:
    // `db` is read when a command runs (after parsing).
    DeliveryCommands(CLI::App &app, const std::string &db);
    std::optional<int> run();

private:
    const std::string &db_;
    CLI::App *assign_ = nullptr, *record_ = nullptr, *list_ = nullptr, *delivery_ = nullptr;
    std::string lever_, reviewer_, due_, case_, person_, outcome_, decided_, effective_, reason_, by_, hours_, weeks_, output_, green_ = "100%",
                amber_ = "75%";
    std::size_t limit_ = 50;
};

} // namespace ascent::cli
