#include "app/council.hpp"

#include <fmt/format.h>
#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <memory>

#include "core/error.hpp"
#include "io/digest.hpp"

namespace ascent::app {

namespace {

io::ProgressFn stage(const Progress &progress, std::string_view name) {
    if (!progress) return {};
    return [progress, name](uint64_t done, uint64_t total) { progress(name, done, total); };
}

store::ImportRecord record_for(const std::string &path, const std::string &hash, const io::ImportReport &report,
                               std::string kind) {
    store::ImportRecord r;
    r.kind = std::move(kind);
    r.file_name = std::filesystem::path(path).filename().string();
    r.content_hash = hash;
    r.format = report.format;
    r.release = report.release;
    r.rows_read = report.rows_read;
    r.rows_rejected = report.rows_rejected;
    r.errors = report.errors();
    r.warnings = report.warnings();
    return r;
}

// Decides whether a parsed file may be written, and says why not.
bool may_write(const io::ImportReport &report, RowPolicy policy, std::string &message) {
    if (report.errors() == 0) return true;
    // Errors in the header or the file as a whole (row 0 or 1) cannot be skipped row by row.
    bool file_level_error = false;
    for (const auto &issue : report.issues())
        file_level_error = file_level_error || (issue.severity == io::Severity::error && issue.row <= 1);
    if (policy == RowPolicy::skip_invalid_rows && !file_level_error && report.rows_rejected < report.rows_read) {
        message = count_of(report.rows_rejected, "row", "rows") + " with errors skipped.";
        return true;
    }
    message = "Nothing was imported: " + count_of(report.errors(), "error", "errors") +
              ". Correct the file, or use --skip-invalid-rows to import the valid rows.";
    return false;
}

// The same content imported before changes nothing: say so and stop.
bool already_imported(store::Store &store, const std::string &hash, ImportOutcome &outcome) {
    auto previous = store.find_import(hash);
    if (!previous) return false;
    outcome.already_imported = true;
    outcome.record = *previous;
    outcome.message = "Already imported on " + previous->imported_at + " (import " + std::to_string(previous->id) +
                      ", same content); nothing changed.";
    return true;
}

} // namespace

Council::Council(const std::string &database_path) : database_path_(database_path), store_(store::open_sqlite(database_path)) {
    const char *user = std::getenv("USER");
    const passwd *account = user == nullptr ? getpwuid(geteuid()) : nullptr;
    actor_ = std::string("local:") + (user != nullptr ? user : account != nullptr ? account->pw_name : "unknown");
}

io::ImportReport Council::validate_cld(const std::string &path, const Progress &progress) {
    io::ImportReport report(path);
    io::read_cld(path, report, stage(progress, "reading"));
    return report;
}

io::ImportReport Council::validate_extract(const std::string &path, const std::string &mapping_path,
                                           const Progress &progress) {
    io::ImportReport report(path);
    io::read_extract(path, io::load_mapping(mapping_path), report, stage(progress, "reading"));
    return report;
}

ImportOutcome Council::import_cld(const std::string &path, RowPolicy policy, const Progress &progress) {
    ImportOutcome outcome{io::ImportReport(path), false, false, {}, {}};
    // Hash on the second core while the file is parsed on this one.
    auto hash = std::async(std::launch::async, io::sha256_file, path);
    auto batch = io::read_cld(path, outcome.report, stage(progress, "reading"));
    const std::string content_hash = hash.get();
    if (already_imported(*store_, content_hash, outcome)) {
        outcome.report = io::ImportReport(path);
        return outcome;
    }
    if (!may_write(outcome.report, policy, outcome.message)) return outcome;
    outcome.record = record_for(path, content_hash, outcome.report, "cld");
    outcome.record.la_code = batch.la_code;
    outcome.record.period_start = batch.period_start ? batch.period_start->iso() : "";
    outcome.record.period_end = batch.period_end ? batch.period_end->iso() : "";
    if (progress) progress("writing", 0, 1);
    outcome.record.id = store_->write_cld(batch, outcome.record);
    if (progress) progress("writing", 1, 1);
    outcome.written = true;
    audit(actor_, "import", outcome.record.file_name, "CLD import " + std::to_string(outcome.record.id));
    outcome.message = "Imported " + count_of(batch.ledger.people.size(), "person", "people") + " and " +
                      count_of(batch.ledger.lines.size(), "service line", "service lines") + " (import " +
                      std::to_string(outcome.record.id) + ")." + (outcome.message.empty() ? "" : " " + outcome.message);
    return outcome;
}

ImportOutcome Council::import_extract(const std::string &path, const std::string &mapping_path, RowPolicy policy,
                                      const Progress &progress) {
    const auto mapping = io::load_mapping(mapping_path);
    ImportOutcome outcome{io::ImportReport(path), false, false, {}, {}};
    const std::string content_hash = io::sha256_file(path);
    if (already_imported(*store_, content_hash, outcome)) return outcome;
    auto batch = io::read_extract(path, mapping, outcome.report, stage(progress, "reading"));
    if (!may_write(outcome.report, policy, outcome.message)) return outcome;
    outcome.record = record_for(path, content_hash, outcome.report, std::string(io::to_string(mapping.kind)));
    outcome.record.source = mapping.source;
    outcome.record.id = store_->write_extract(batch, outcome.record);
    outcome.written = true;
    audit(actor_, "import", outcome.record.file_name, outcome.record.kind + " import " + std::to_string(outcome.record.id));
    outcome.message = "Imported " + count_of(batch.records.size(), "record", "records") + " of " +
                      std::string(io::to_string(mapping.kind)) + " (import " + std::to_string(outcome.record.id) + ")." +
                      (outcome.message.empty() ? "" : " " + outcome.message);
    return outcome;
}

LedgerSummary Council::summary(std::optional<Date> as_at, WeeksPerYear weeks) {
    const Ledger ledger = store_->load_ledger();
    return summarise(ledger, as_at.value_or(ledger.as_at), weeks);
}

namespace {

CohortResult select_cohort(const Ledger &ledger, const PersonFacts &facts, const FactTable &table, const CohortExpression &parsed,
                           Date as_at, CohortPage page) {
    CohortResult result;
    result.expression = parsed.text();
    result.as_at = as_at;
    result.people_tested = static_cast<int64_t>(ledger.people.size());
    const auto selected = parsed.select(table);
    std::vector<uint32_t> chosen;
    for (uint32_t p = 0; p < ledger.people.size(); ++p) {
        if (!selected[p]) continue;
        chosen.push_back(p);
        result.weekly_cost += Money::from_pence(facts.weekly_cost[p]);
    }
    result.people = static_cast<int64_t>(chosen.size());
    // Only the page is put in order: highest weekly cost first, then the ledger's order.
    const auto first = std::min(page.offset, chosen.size());
    const auto end = first + std::min(page.limit, chosen.size() - first);
    std::partial_sort(chosen.begin(), chosen.begin() + static_cast<std::ptrdiff_t>(end), chosen.end(), [&](uint32_t a, uint32_t b) {
        return facts.weekly_cost[a] != facts.weekly_cost[b] ? facts.weekly_cost[a] > facts.weekly_cost[b] : a < b;
    });
    result.offset = first;
    for (auto i = first; i < end; ++i) {
        const auto p = chosen[i];
        CohortMember member{std::string(ledger.people.id.at(p + 1)), Money::from_pence(facts.weekly_cost[p]), {}};
        for (const auto &field : parsed.fields_used()) member.values.emplace_back(field, cohort_value(table, p, field));
        result.members.push_back(std::move(member));
    }
    return result;
}

} // namespace

CohortResult Council::cohort(const std::string &expression, std::optional<Date> as_at, CohortPage page) {
    const auto parsed = CohortExpression::parse(expression); // before loading: a typo fails fast
    const Ledger ledger = store_->load_ledger();
    const Date on = as_at.value_or(ledger.as_at);
    const PersonFacts facts = person_facts(ledger, on);
    return select_cohort(ledger, facts, FactTable(ledger, facts), parsed, on, page);
}

CohortResult Analysis::cohort(const std::string &expression, CohortPage page) const {
    return select_cohort(*ledger, *facts, *table, CohortExpression::parse(expression), found.as_at, page);
}

const opportunity::LeverResult *Analysis::lever_result(std::string_view lever_id) const {
    for (const auto &r : found.levers)
        if (rules->levers[r.lever].id == lever_id) return &r;
    return nullptr;
}

std::unique_ptr<Analysis> Council::analyse(const opportunity::RuleSet &rules, std::optional<Date> as_at,
                                           const opportunity::FindOptions &options) {
    auto analysis = std::make_unique<Analysis>();
    analysis->ledger = std::make_unique<Ledger>(store_->load_ledger());
    analysis->facts = std::make_unique<PersonFacts>(person_facts(*analysis->ledger, as_at.value_or(analysis->ledger->as_at)));
    analysis->table = std::make_unique<FactTable>(*analysis->ledger, *analysis->facts);
    analysis->rules = &rules;
    analysis->found = opportunity::find_opportunities(*analysis->table, rules, options);
    return analysis;
}

DemoResult build_demo(Council &council, const std::string &directory, const demo::DemoOptions &options,
                      const Progress &progress) {
    DemoResult result;
    result.files = demo::generate(directory, options, [&](int64_t done, int64_t total) {
        if (progress) progress("generating", static_cast<uint64_t>(done), static_cast<uint64_t>(total));
    });
    const auto &f = result.files;
    result.imports.push_back(council.import_cld(f.cld, RowPolicy::all_or_nothing, progress));
    result.imports.push_back(council.import_extract(f.people, f.people_mapping, RowPolicy::all_or_nothing, progress));
    result.imports.push_back(council.import_extract(f.services, f.services_mapping, RowPolicy::all_or_nothing, progress));
    result.imports.push_back(council.import_extract(f.changes, f.changes_mapping, RowPolicy::all_or_nothing, progress));
    result.imports.push_back(
        council.import_extract(f.direct_payments, f.payments_mapping, RowPolicy::all_or_nothing, progress));
    result.imports.push_back(council.import_extract(f.finances, f.finances_mapping, RowPolicy::all_or_nothing, progress));
    if (council.parameter_files().empty()) council.load_parameter_file(f.charging_parameters);
    for (const auto &c : f.cases) council.import_case(c);
    return result;
}

} // namespace ascent::app
