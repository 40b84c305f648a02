#include "app/council.hpp"

#include <fmt/format.h>
#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "core/error.hpp"

namespace ascent::app {

Council::Council(const std::string &database_path) : database_path_(database_path), store_(store::open_sqlite(database_path)) {
    const char *user = std::getenv("USER");
    const passwd *account = user == nullptr ? getpwuid(geteuid()) : nullptr;
    actor_ = std::string("local:") + (user != nullptr ? user : account != nullptr ? account->pw_name : "unknown");
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
    const auto &o = analysis->found;
    analysis->conventions = {o.weeks, "the catalogue's",
                             fmt::format("{} version {} ({}; SHA-256 {})", o.rules_name, o.rules_version, o.rules_path, o.rules_sha256.substr(0, 12)),
                             "given", nullptr};
    return analysis;
}

std::unique_ptr<Analysis> Council::analyse(std::optional<Date> as_at, const opportunity::FindOptions &options, const Overrides &run) {
    auto c = conventions(run);
    auto analysis = analyse(*c.catalogue, as_at, options);
    analysis->conventions = std::move(c); // keeps the catalogue analysis->rules points to
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
