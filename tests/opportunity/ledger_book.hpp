// A small hand-built care ledger for opportunity tests: people with an age, a support reason and
// service lines, and a helper that runs levers and lists who they flag.
#pragma once

#include <string>

#include "core/person_facts.hpp"
#include "opportunity/finder.hpp"

namespace ascent::test {

class LedgerBook {
public:
    Ledger ledger;
    const Date as_at = Date::ymd(2026, 3, 31);

    // A person aged exactly `age` on as_at (-1: date of birth not recorded).
    uint32_t person(const std::string &id, int age, Code support_reason = codes::psr_learning_disability) {
        const auto p = ledger.people.append(id);
        ledger.people.birth[p] = age < 0 ? k_no_date : Date::ymd(2026 - age, 3, 31).serial();
        ledger.people.support_reason[p] = support_reason;
        return p;
    }
    // An open weekly line of `weekly` pence that started 100 days before as_at.
    std::size_t line(uint32_t p, int64_t weekly, Code component = codes::comp_supported_living,
                     Code type = codes::st_community) {
        const auto i = ledger.lines.append(p, LineSource::cld, "");
        auto &l = ledger.lines;
        l.service_type[i] = type;
        l.component[i] = component;
        l.delivery[i] = codes::dm_commissioned;
        l.frequency[i] = codes::freq_weekly;
        l.unit_cost[i] = weekly;
        l.weekly_cost[i] = weekly;
        l.start[i] = as_at.plus_days(-100).serial();
        return i;
    }
    // An open hourly line: `hours` hundredths of an hour a week at `rate` pence an hour.
    std::size_t hourly(uint32_t p, int64_t rate, int32_t hours, Code component = codes::comp_home_support) {
        const auto i = line(p, rate * hours / 100, component);
        ledger.lines.frequency[i] = codes::freq_hourly;
        ledger.lines.unit_cost[i] = rate;
        ledger.lines.planned_units[i] = hours;
        return i;
    }

    opportunity::Opportunities run(const opportunity::RuleSet &rules, opportunity::FindOptions options = {}) {
        facts_ = person_facts(ledger, as_at);
        table_ = std::make_unique<FactTable>(ledger, facts_);
        return opportunity::find_opportunities(*table_, rules, options);
    }
    // Ids of the people one lever flags (running only that lever and what it depends on).
    std::string flagged(const opportunity::RuleSet &rules, const std::string &lever) {
        const auto found = run(rules, {{lever}, false, {}});
        std::string ids;
        for (const auto &f : found.levers.back().flags)
            if (rules.levers[f.lever].id == lever) ids += (ids.empty() ? "" : " ") + std::string(ledger.people.id.at(f.person + 1));
        return ids;
    }
    const FactTable &table() const { return *table_; }

private:
    PersonFacts facts_;
    std::unique_ptr<FactTable> table_;
};

} // namespace ascent::test
