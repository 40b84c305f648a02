// Business cases against a council's ledger: finding a case (a file, or an id stored in the
// ledger), and the cohort figures a case's lines draw on (the opportunity finder's levers and
// cohort expressions, run on the ledger only when a case needs them).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/council.hpp"
#include "cases/profile.hpp"

namespace ascent::app {

// A case as stored in the ledger, read from its text; errors name the case and version.
cases::BusinessCase read_stored_case(const store::StoredCase &stored);

// A cohort expression's people and their packages' weekly cost: what a case line that draws on
// the expression is sized from.
cases::CohortFigures cohort_figures(const CohortResult &cohort);
// A lever's people, spend in scope and central saving per week, from an analysis run with every
// lever (disabled ones too): what a case line that draws on the lever is sized from.
cases::CohortFigures lever_figures(const Analysis &analysis, const std::string &lever_id);
// A lever's confidence over some of its people (ppm): each flag's (its stratum's, else the lever's)
// weighted by `weight`, e.g. its central saving; the lever's own where the weights are all 0.
int64_t lever_confidence(const opportunity::Lever &lever, const std::vector<opportunity::Flag> &flags,
                         const std::function<int64_t(const opportunity::Flag &)> &weight);

class CaseWorkspace {
public:
    CaseWorkspace(std::string database_path, std::optional<Date> as_at);
    ~CaseWorkspace();
    // A case file if `file_or_id` names one, else the latest stored version of that case id.
    cases::BusinessCase find(const std::string &file_or_id);
    // Each of `files_or_ids`; none given: every case stored in the ledger.
    std::vector<cases::BusinessCase> find_all(const std::vector<std::string> &files_or_ids);
    // Cohort figures from the ledger, for lines that draw on one; the ledger is read (and the
    // opportunity finder run) only when the first such line asks.
    cases::CohortLookup cohorts();
    // The ledger's analysis (every lever, disabled ones too), read on first use.
    const Analysis &analysis();
    std::function<const Analysis &()> analysis_source() {
        return [this]() -> const Analysis & { return analysis(); };
    }
    Council &council();

private:
    std::string database_path_;
    std::optional<Date> as_at_;
    std::unique_ptr<Council> council_;
    std::unique_ptr<Analysis> analysis_;
};

} // namespace ascent::app
