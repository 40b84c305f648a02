#include "cli/evidence_commands.hpp"

#include <iostream>

#include "app/evidence_view.hpp"

namespace ascent::cli {

EvidenceCommands::EvidenceCommands(CLI::App &app) {
    evidence_ = app.add_subcommand("evidence", "What other councils did and saved (the ASCE annex), by lever, theme, council or words");
    evidence_->add_option("--lever", lever_, "A lever id, e.g. assistive_technology");
    evidence_->add_option("--theme", theme_, "A theme, e.g. direct payments, reablement, charging");
    evidence_->add_option("--council", council_, "Part of a council's name");
    evidence_->add_option("--search", words_, "Words in the quote");
    evidence_->add_option("--kind", kind_, "saving, pressure, rate or other");
    check_ = evidence_->add_subcommand("check", "Amounts larger than the council's gross spend; headlines against the savings listed");
}

std::optional<int> EvidenceCommands::run() {
    if (!*evidence_) return std::nullopt;
    if (*check_) {
        std::cout << app::format_evidence_check();
        return 0;
    }
    std::cout << app::format_evidence({lever_, theme_, council_, words_, kind_});
    return 0;
}

} // namespace ascent::cli
