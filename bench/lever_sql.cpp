// The built-in levers as DuckDB SQL, for the peer in the opportunity benchmark: person facts as
// one GROUP BY over the exported tables, then one query per lever giving its people and central
// stand-alone saving (1/10,000 p a week, or the one-off amount), the figures ascent reports.
// Cohorts come from CohortExpression::to_sql(), so both engines run the same rules.
#include <fmt/format.h>

#include "core/summary.hpp"
#include "opportunity/rules.hpp"

using namespace ascent;
using namespace ascent::opportunity;

std::string facts_sql(Date as_at) {
    const int today = as_at.serial();
    return fmt::format(R"(
CREATE OR REPLACE TABLE open_lines AS SELECT * FROM lines WHERE (start IS NULL OR start <= {0}) AND ("end" IS NULL OR "end" >= {0});
CREATE OR REPLACE TABLE facts AS
WITH by_line AS (
  SELECT person, SUM(weekly) AS weekly_cost, SUM(weekly * (chc_share + s117_share) // 10000) AS health_funded,
         SUM(accommodation) AS accommodation_cost, MIN(setting) AS setting, COUNT(*) AS open_lines,
         BIT_OR(1::BIGINT << component) AS service,
         MAX(CASE WHEN delivery = 1 OR component = 11 THEN 1 ELSE 0 END) AS direct_payment,
         SUM(CASE WHEN delivery = 1 OR component = 11 THEN weekly ELSE 0 END) AS dp_weekly,
         MAX(night) AS night_level, MAX(ratio) AS max_ratio,
         SUM(CASE WHEN component = 6 AND frequency = 2 AND planned > 0 THEN planned ELSE 0 END) AS home_care_hours,
         MAX({0} - start) AS days_since_start
  FROM open_lines GROUP BY person),
ever AS (
  SELECT person,
         MAX(CASE WHEN start <= {0} AND (component = 1 OR type = 5) THEN 1 ELSE 0 END) AS had_reablement,
         SUM(CASE WHEN component IN (2, 3) AND start IS NOT NULL
                  THEN GREATEST(0, LEAST(COALESCE("end", {0}), {0}) - GREATEST(start, {0} - 364) + 1) ELSE 0 END) AS respite_days
  FROM lines GROUP BY person),
dp AS (
  SELECT person, SUM(balance) AS dp_balance FROM payments
  WHERE balance IS NOT NULL AND audit_date <= {0}
    AND (person, audit_date) IN (SELECT person, MAX(audit_date) FROM payments WHERE balance IS NOT NULL AND audit_date <= {0} GROUP BY person)
  GROUP BY person),
rises AS (
  SELECT person, LEAST(COUNT(*), 255) AS increases, SUM(new_weekly - old_weekly) AS increase_weekly FROM changes
  WHERE effective <= {0} AND effective >= {0} - 364 AND new_weekly > old_weekly GROUP BY person)
SELECT p.idx,
  CASE WHEN p.birth IS NULL THEN NULL ELSE
    year(DATE '1970-01-01' + {0}) - year(DATE '1970-01-01' + p.birth::INTEGER)
    - CASE WHEN month(DATE '1970-01-01' + {0}) < month(DATE '1970-01-01' + p.birth::INTEGER)
             OR (month(DATE '1970-01-01' + {0}) = month(DATE '1970-01-01' + p.birth::INTEGER)
                 AND day(DATE '1970-01-01' + {0}) < day(DATE '1970-01-01' + p.birth::INTEGER)) THEN 1 ELSE 0 END END AS age,
  COALESCE(l.weekly_cost, 0) AS weekly_cost, COALESCE(l.health_funded, 0) AS health_funded,
  CASE WHEN COALESCE(l.weekly_cost, 0) > 0 THEN COALESCE(l.health_funded, 0) * 100 // l.weekly_cost END AS health_share,
  l.accommodation_cost, NULLIF(p.support_reason, 0) AS support_reason, NULLIF(p.employment, 0) AS employment,
  CASE WHEN p.employment IN (0, 7) THEN NULL WHEN p.employment <= 3 THEN 1 ELSE 0 END AS employed,
  l.setting, COALESCE(l.service, 0) AS service, COALESCE(l.open_lines, 0) AS open_lines,
  COALESCE(l.direct_payment, 0) AS direct_payment, NULLIF(COALESCE(l.night_level, 0), 0) AS night_support,
  CASE WHEN l.night_level = 3 THEN 1 ELSE 0 END AS waking_night, CASE WHEN l.night_level = 2 THEN 1 ELSE 0 END AS sleep_in,
  NULLIF(COALESCE(l.max_ratio, 0), 0) AS staff_ratio, COALESCE(l.home_care_hours, 0) AS home_care_hours,
  COALESCE(e.had_reablement, 0) AS had_reablement, COALESCE(e.respite_days, 0) AS respite_days,
  p.out_of_area, p.distance_km, p.other_council, NULLIF(p.s117, 0) AS s117, NULLIF(p.chc, 0) AS chc,
  l.days_since_start, {0} - p.last_review AS days_since_review, {0} - p.last_fa AS days_since_financial_assessment,
  d.dp_balance, COALESCE(l.dp_weekly, 0) AS dp_weekly,
  CASE WHEN d.dp_balance IS NOT NULL AND l.dp_weekly > 0 THEN GREATEST(d.dp_balance, 0) // l.dp_weekly END AS dp_weeks_held,
  COALESCE(r.increases, 0) AS increases, COALESCE(r.increase_weekly, 0) AS increase_weekly
FROM people p LEFT JOIN by_line l ON l.person = p.idx LEFT JOIN ever e ON e.person = p.idx
  LEFT JOIN dp d ON d.person = p.idx LEFT JOIN rises r ON r.person = p.idx
)", today);
}

namespace {

std::string half_up(const std::string &numerator, const std::string &denominator) {
    return fmt::format("(({}) * 2 + ({})) // (2 * ({}))", numerator, denominator, denominator);
}

// Per-line gap above the ceiling on open matching lines, summed per person (percent_of_lines).
std::string line_base(const Lever &l) {
    std::string components;
    for (auto c : l.components) components += (components.empty() ? "" : ", ") + std::to_string(c);
    const std::string gap = l.ceiling > 0 ? half_up(fmt::format("weekly::HUGEINT * 10000 * (unit_cost - {})", l.ceiling), "unit_cost")
                                          : "weekly::HUGEINT * 10000";
    return fmt::format("(SELECT person, SUM({}) AS base FROM open_lines WHERE component IN ({}){}{} AND weekly > 0 GROUP BY person)",
                       gap, components, l.frequency ? fmt::format(" AND frequency = {}", *l.frequency) : "",
                       l.ceiling > 0 ? fmt::format(" AND unit_cost > {}", l.ceiling) : "");
}

} // namespace

// The people of a lever (its cohort, rank and setting rules), as a subquery of facts rows.
static std::string members_sql(const RuleSet &rules, const Lever &l) {
    std::string where = l.cohort.to_sql();
    std::string from = "facts WHERE " + where;
    if (!l.same_setting_as.empty()) {
        const auto anchor = members_sql(rules, *rules.find(l.same_setting_as));
        from += fmt::format(" AND idx NOT IN (SELECT idx FROM {0}) AND idx IN (SELECT DISTINCT person FROM open_lines WHERE cqc <> 0 "
                            "AND cqc IN (SELECT cqc FROM open_lines WHERE cqc <> 0 AND person IN (SELECT idx FROM {0})))",
                            "(" + anchor + ")");
    }
    std::string select = "SELECT * FROM " + from;
    if (l.top) select += fmt::format(" ORDER BY weekly_cost DESC, idx LIMIT {}", *l.top);
    return select;
}

std::string lever_sql(const RuleSet &rules, const Lever &l) {
    const auto weeks = rules.weeks.weeks;
    const int64_t f = l.factors[1];
    const std::string package = "weekly_cost::HUGEINT * 10000";
    std::string base, amount, join;
    switch (l.method) {
    case Method::count_only: amount = "0"; break;
    case Method::percent_of_cost: base = package; break;
    case Method::percent_of_accommodation: base = "COALESCE(accommodation_cost, 0)::HUGEINT * 10000"; break;
    case Method::percent_of_gap_to_rate: base = fmt::format("GREATEST(0, weekly_cost - {})::HUGEINT * 10000", l.rate); break;
    case Method::percent_of_health_gap:
        base = fmt::format("GREATEST(0, {} - health_funded::HUGEINT * 10000)", half_up(fmt::format("{} * {}", package, l.target_share), "10000"));
        break;
    case Method::percent_of_increases: base = "increase_weekly::HUGEINT * 10000"; break;
    case Method::percent_of_dp_surplus:
        base = fmt::format("CASE WHEN dp_balance IS NULL THEN 0 ELSE GREATEST(0, dp_balance - {} * dp_weekly)::HUGEINT * 10000 END", l.keep_weeks);
        break;
    case Method::percent_of_lines:
        base = "b.base";
        join = " JOIN " + line_base(l) + " b ON b.person = m.idx";
        break;
    case Method::weekly_amount: amount = fmt::format("{}::HUGEINT * 10000", f); break;
    case Method::annual_amount: amount = half_up(fmt::format("{}::HUGEINT * 10000 * {}", f, weeks.den), std::to_string(weeks.num)); break;
    case Method::per_respite_week:
        amount = half_up(fmt::format("{}::HUGEINT * respite_days * 10000 * {}", f, weeks.den), std::to_string(7 * weeks.num));
        break;
    }
    if (amount.empty()) amount = half_up(fmt::format("({}) * {}", base, f), "10000");
    if (l.effect == Effect::reduction) amount = fmt::format("LEAST({}, {})", amount, package);
    return fmt::format("SELECT COUNT(*) AS people, COALESCE(SUM({}), 0)::VARCHAR AS central FROM ({}) m{}", amount,
                       members_sql(rules, l), join);
}
