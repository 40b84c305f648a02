// The ledger's questions as JSON for the API (moved out of the server's routes, which now only
// page, audit and send): a lever's people, one person's explanations, a cohort.
#include <fmt/format.h>

#include "app/json_views.hpp"
#include "app/opportunity_figures.hpp"
#include "core/error.hpp"
#include "opportunity/explain.hpp"
#include "opportunity/finder.hpp"

namespace ascent::app {

using nlohmann::json;

bool has_lever(const Analysis &a, const std::string &lever_id) { return a.lever_result(lever_id) != nullptr; }

json lever_people_json(const Analysis &a, const std::string &lever_id, std::size_t offset, std::size_t limit) {
    if (!has_lever(a, lever_id)) throw input_error("no lever '" + lever_id + "' (see /api/v1/opportunities)");
    const auto page = lever_page(a, lever_id, offset, limit);
    json people = json::array();
    for (const auto *flag : page.flags) {
        const auto e = opportunity::explain(*a.table, *a.rules, a.found, *flag);
        people.push_back(merged({{"person_id", a.person_id(flag->person)}, {"weekly_in_scope_pence", flag->in_scope},
                                 {"weekly_standalone_central_pence", opportunity::to_money(flag->standalone[1]).pence()}},
                                explanation_json(e)));
    }
    return {{"lever", lever_id}, {"total", page.total}, {"offset", offset}, {"people", people},
            {"conventions", conventions_json(a.conventions)}};
}

json person_json(const Analysis &a, const std::string &person_id) {
    const auto index = a.ledger->find_person(person_id);
    if (!index) throw input_error("no person '" + person_id + "' in the ledger");
    json explanations = json::array();
    // The levers the CLI's `explain` shows: a disabled lever (an alternative threshold) runs only for
    // business cases that name it, and is not a reason a person is flagged.
    for (const auto &e : opportunity::explain_person(*a.table, *a.rules, a.found, *index))
        if (const auto *lever = a.rules->find(e.lever_id); lever != nullptr && lever->enabled) explanations.push_back(explanation_json(e));
    return {{"person_id", person_id}, {"as_at", a.found.as_at.iso()}, {"explanations", explanations},
            {"conventions", conventions_json(a.conventions)}};
}

json cohort_json(const CohortResult &result, bool with_people) {
    json out{{"expression", result.expression},
             {"as_at", result.as_at.iso()},
             {"people_tested", result.people_tested},
             {"people", result.people},
             {"weekly_cost_pence", result.weekly_cost.pence()}};
    if (!with_people) return out;
    json members = json::array();
    for (const auto &m : result.members) {
        json values = json::object();
        for (const auto &[field, value] : m.values) values[field] = value;
        members.push_back({{"person_id", m.person_id}, {"weekly_cost_pence", m.weekly_cost.pence()}, {"values", values}});
    }
    out["members"] = members;
    out["offset"] = result.offset;
    return out;
}

} // namespace ascent::app
