// `ascent commission`: the fair price of a placement, lines above the rate card's ceilings, a
// retender's savings profile, the market, fee uplift options and bid evaluations.
#pragma once

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

namespace ascent::cli {

class CommissioningCommands {
public:
    CommissioningCommands(CLI::App &app, const std::string &db);
    std::optional<int> run();

private:
    const std::string &db_;
    CLI::App *price_ = nullptr, *ceilings_ = nullptr, *retender_ = nullptr, *market_ = nullptr, *uplift_ = nullptr, *evaluate_ = nullptr;
    std::string file_, rates_, from_, weeks_, name_ = "Retender", output_, as_at_, budget_lines_;
    std::vector<std::string> parameter_files_;
    int years_ = 3;
    std::size_t limit_ = 20;
};

} // namespace ascent::cli
