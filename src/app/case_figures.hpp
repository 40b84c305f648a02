// A case's and a programme's figures as every front end shows them: lever-linked lines net of
// overlap (app/netting.hpp), the profiles or budget table made from them, the stated figures
// checked, and — for a programme — its size against the council's spend and the evidence library
// (app/plausibility.hpp). The CLI's text and the server's JSON are both built from these.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/netting.hpp"
#include "app/plausibility.hpp"
#include "cases/programme.hpp"

namespace ascent::app {

// The ledger's analysis, read only when a line draws on a lever.
using AnalysisSource = std::function<const Analysis &()>;

struct CaseFigures {
    cases::BusinessCase c;                 // its lever-linked lines marked with their netted figures
    std::vector<cases::Profile> profiles;  // one per option
    std::vector<cases::Check> checks;
    std::vector<Netting> netting;          // one per option; empty when no line draws on a lever
};
CaseFigures case_figures(cases::BusinessCase c, const AnalysisSource &analysis, const cases::CohortLookup &cohorts);

struct ProgrammeFigures {
    cases::Programme programme;            // lever-linked lines marked with their netted figures
    cases::CohortLookup cohorts;           // the netted figures, else the ledger's: for the risk run and reports
    cases::BudgetTable table;
    std::vector<cases::Check> checks;
    std::optional<Netting> netting;        // when a line draws on a lever
    std::optional<Plausibility> plausibility;
};
ProgrammeFigures programme_figures(cases::Programme programme, const AnalysisSource &analysis, const cases::CohortLookup &cohorts);

// The case's profiles (cases::format_profiles), then each option's overlap.
std::string format_case_figures(const CaseFigures &f);
// The programme (cases::format_programme), then its overlap and plausibility.
std::string format_programme_figures(const ProgrammeFigures &f);

} // namespace ascent::app
