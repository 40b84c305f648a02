#include "app/cases.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "cases/reconcile.hpp"
#include "core/error.hpp"
#include "io/digest.hpp"
#include "io/text_file.hpp"
#include "opportunity/rules.hpp"

namespace ascent::app {

store::StoredCase Council::import_case(const std::string &path) {
    return save_case(io::read_text_file(path, "the business case"), path);
}

store::StoredCase Council::save_case(const std::string &text, const std::string &source) {
    const auto c = cases::read_case(text, source);
    (void)cases::profile_case(c, [](const cases::CohortLink &) { return cases::CohortFigures{}; }); // every line must profile
    store::StoredCase stored{c.id, 0, c.title, std::string(cases::to_string(c.status)),
                             std::filesystem::path(source).filename().string(), io::sha256_text(text), text, {}};
    stored.version = store_->add_case(stored);
    audit(actor_, "case_saved", stored.id, "version " + std::to_string(stored.version));
    return stored;
}

cases::BusinessCase read_stored_case(const store::StoredCase &stored) {
    return cases::read_case(stored.content, fmt::format("{} (version {})", stored.id, stored.version));
}

CaseWorkspace::CaseWorkspace(std::string database_path, std::optional<Date> as_at)
    : database_path_(std::move(database_path)), as_at_(as_at) {}

CaseWorkspace::~CaseWorkspace() = default;

Council &CaseWorkspace::council() {
    if (!council_) council_ = std::make_unique<Council>(database_path_);
    return *council_;
}

cases::BusinessCase CaseWorkspace::find(const std::string &file_or_id) {
    if (std::filesystem::is_regular_file(file_or_id)) return cases::read_case_file(file_or_id);
    for (const auto &stored : council().stored_cases())
        if (stored.id == file_or_id) return read_stored_case(stored);
    throw input_error("'" + file_or_id + "' is neither a case file nor a case in the ledger " + database_path_ +
                      " (see `ascent case list`)");
}

std::vector<cases::BusinessCase> CaseWorkspace::find_all(const std::vector<std::string> &files_or_ids) {
    std::vector<cases::BusinessCase> out;
    if (files_or_ids.empty())
        for (const auto &stored : council().stored_cases())
            out.push_back(read_stored_case(stored));
    for (const auto &name : files_or_ids) out.push_back(find(name));
    if (out.empty()) throw input_error("no business cases: name case files, or import some with `ascent case import`");
    return out;
}

cases::CohortLookup CaseWorkspace::cohorts() {
    return [this](const cases::CohortLink &link) {
        if (!link.expression.empty()) return cohort_figures(council().cohort(link.expression, as_at_, {0, 0}));
        return lever_figures(analysis(), link.lever);
    };
}

const Analysis &CaseWorkspace::analysis() {
    if (!analysis_) analysis_ = council().analyse(as_at_, {{}, true, {}}); // the lever catalogue in force
    return *analysis_;
}

cases::CohortFigures cohort_figures(const CohortResult &cohort) {
    cases::CohortFigures f;
    f.people = cohort.people * 100;
    f.weekly_cost = cohort.weekly_cost.pence();
    f.source = fmt::format("cohort \"{}\" on the ledger at {}", cohort.expression, cohort.as_at.uk());
    return f;
}

int64_t lever_confidence(const opportunity::Lever &lever, const std::vector<opportunity::Flag> &flags,
                         const std::function<int64_t(const opportunity::Flag &)> &weight) {
    Int128 total = 0, weighted = 0;
    for (const auto &f : flags) {
        total += weight(f);
        weighted += Int128{weight(f)} * opportunity::confidence_of(lever, f);
    }
    return total == 0 ? int64_t{lever.confidence_percent} * 10'000 : divide_rounded(weighted * 10'000, total, RoundingMode::half_up);
}

cases::CohortFigures lever_figures(const Analysis &analysis, const std::string &lever_id) {
    const auto *lever = analysis.lever_result(lever_id);
    if (!lever) throw input_error("no lever '" + lever_id + "' in the catalogue (see `ascent opportunities`)");
    cases::CohortFigures f;
    f.people = lever->people * 100;
    f.weekly_cost = lever->weekly_in_scope.pence();
    f.weekly_saving = opportunity::to_money(lever->standalone[1]).pence();
    f.weekly_saving_exact = lever->standalone[1];
    f.weeks = analysis.found.weeks;
    f.source = fmt::format("lever {} on the ledger at {}", lever_id, analysis.found.as_at.uk());
    f.saving_range = std::pair{lever->standalone[0], lever->standalone[2]};
    f.lever_confidence = lever_confidence(analysis.rules->levers[lever->lever], lever->flags, [](const opportunity::Flag &x) { return x.standalone[1]; });
    return f;
}

} // namespace ascent::app
