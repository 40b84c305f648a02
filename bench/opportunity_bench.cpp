// Opportunity benchmark: every enabled lever of the built-in catalogue over a council's ledger,
// with the same rules exported as DuckDB SQL (duckdb_levers.mjs runs them over the same data).
//   opportunity_bench run <db>            load, facts, levers; one JSON line (best of 5 runs)
//   opportunity_bench export <db> <dir>   the ledger as integer-coded CSV tables plus levers.json:
//                                         the facts SQL and one SQL query per lever
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <fmt/format.h>

#include "app/council.hpp"
#include "core/summary.hpp"
#include "io/csv_writer.hpp"

namespace {

using namespace ascent;
using namespace ascent::opportunity;

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string cell(int64_t v, int64_t missing) { return v == missing ? "" : std::to_string(v); }

void export_tables(const Ledger &l, const std::string &dir) {
    std::filesystem::create_directories(dir);
    io::CsvWriter people(dir + "/people.csv");
    people.fields({"idx", "birth", "support_reason", "employment", "out_of_area", "distance_km", "other_council", "s117",
                   "chc", "last_review", "last_fa"});
    people.end_row();
    const auto &p = l.people;
    for (std::size_t i = 0; i < p.size(); ++i) {
        people.fields({std::to_string(i), cell(p.birth[i], k_no_date), std::to_string(p.support_reason[i]),
                       std::to_string(p.employment[i]), cell(p.out_of_area[i], -1), cell(p.distance_km[i], k_no_quantity),
                       p.placing_authority[i] != 0 ? "1" : "0", std::to_string(static_cast<int>(p.s117[i])),
                       std::to_string(static_cast<int>(p.chc[i])), cell(p.last_review[i], k_no_date),
                       cell(p.last_financial_assessment[i], k_no_date)});
        people.end_row();
    }
    people.close();
    io::CsvWriter lines(dir + "/lines.csv");
    lines.fields({"person", "type", "component", "delivery", "frequency", "setting", "unit_cost", "planned", "weekly",
                  "start", "end", "night", "ratio", "chc_share", "s117_share", "accommodation", "cqc"});
    lines.end_row();
    const auto &s = l.lines;
    for (std::size_t i = 0; i < s.size(); ++i) {
        lines.fields({std::to_string(s.person[i]), std::to_string(s.service_type[i]), std::to_string(s.component[i]),
                      std::to_string(s.delivery[i]), std::to_string(s.frequency[i]),
                      std::to_string(static_cast<int>(setting_of(s.service_type[i], s.component[i]))),
                      cell(s.unit_cost[i], k_no_money), std::to_string(s.planned_units[i] == k_no_quantity ? 0 : s.planned_units[i]),
                      std::to_string(s.weekly_cost[i]), cell(s.start[i], k_no_date), cell(s.end[i], k_no_date),
                      std::to_string(static_cast<int>(s.night[i])), std::to_string(s.staff_ratio[i]), std::to_string(s.chc_share[i]),
                      std::to_string(s.s117_share[i]), cell(s.accommodation_cost[i], k_no_money), std::to_string(s.cqc_location[i])});
        lines.end_row();
    }
    lines.close();
    io::CsvWriter changes(dir + "/changes.csv");
    changes.fields({"person", "effective", "old_weekly", "new_weekly"});
    changes.end_row();
    for (std::size_t i = 0; i < l.changes.size(); ++i) {
        changes.fields({std::to_string(l.changes.person[i]), cell(l.changes.effective[i], k_no_date),
                        cell(l.changes.old_weekly[i], k_no_money), cell(l.changes.new_weekly[i], k_no_money)});
        changes.end_row();
    }
    changes.close();
    io::CsvWriter payments(dir + "/payments.csv");
    payments.fields({"person", "balance", "audit_date"});
    payments.end_row();
    for (std::size_t i = 0; i < l.direct_payments.size(); ++i) {
        payments.fields({std::to_string(l.direct_payments.person[i]), cell(l.direct_payments.balance[i], k_no_money),
                         cell(l.direct_payments.audit_date[i], k_no_date)});
        payments.end_row();
    }
    payments.close();
}

std::string json_string(const std::string &s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c == '\n' ? ' ' : c;
    }
    return out + "\"";
}

} // namespace

std::string facts_sql(Date as_at);
std::string lever_sql(const RuleSet &rules, const Lever &lever);

int main(int argc, char **argv) {
    const std::string mode = argc > 1 ? argv[1] : "";
    if ((mode != "run" || argc != 3) && (mode != "export" || argc != 4)) {
        std::fprintf(stderr, "usage: opportunity_bench run <db> | export <db> <dir>\n");
        return 2;
    }
    app::Council council(argv[2]);
    const auto &rules = default_rules();
    auto start = std::chrono::steady_clock::now();
    const Ledger ledger = council.load_ledger();
    const double load = seconds_since(start);
    if (mode == "export") {
        export_tables(ledger, argv[3]);
        std::ofstream out(std::string(argv[3]) + "/levers.json");
        out << "{\"facts\": " << json_string(facts_sql(ledger.as_at)) << ", \"levers\": [";
        bool first = true;
        for (const auto &l : rules.levers) {
            if (!l.enabled) continue;
            out << (first ? "" : ", ") << "{\"id\": " << json_string(l.id) << ", \"sql\": " << json_string(lever_sql(rules, l)) << "}";
            first = false;
        }
        out << "]}\n";
        return 0;
    }
    double best_facts = 1e9, best_levers = 1e9;
    Opportunities found;
    for (int run = 0; run < 5; ++run) {
        start = std::chrono::steady_clock::now();
        const PersonFacts facts = person_facts(ledger, ledger.as_at);
        const FactTable table(ledger, facts);
        best_facts = std::min(best_facts, seconds_since(start));
        start = std::chrono::steady_clock::now();
        found = find_opportunities(table, rules);
        best_levers = std::min(best_levers, seconds_since(start));
    }
    std::string per_lever, lever_seconds;
    for (const auto &r : found.levers) {
        per_lever += fmt::format("{}\"{}\": [{}, {}]", per_lever.empty() ? "" : ", ", rules.levers[r.lever].id, r.people,
                                 r.standalone[1]);
        lever_seconds += fmt::format("{}\"{}\": {:.4f}", lever_seconds.empty() ? "" : ", ", rules.levers[r.lever].id, r.seconds);
    }
    std::printf("{\"engine\": \"ascent\", \"people\": %zu, \"lines\": %zu, \"load_seconds\": %.3f, \"facts_seconds\": %.3f, "
                "\"levers_seconds\": %.3f, \"total_seconds\": %.3f, \"flags\": %zu, \"levers\": {%s}, \"lever_seconds\": {%s}}\n",
                ledger.people.size(), ledger.lines.size(), load, best_facts, best_levers, best_facts + best_levers,
                found.flag_count(), per_lever.c_str(), lever_seconds.c_str());
    return 0;
}
