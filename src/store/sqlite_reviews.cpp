#include "store/sqlite_reviews.hpp"

namespace ascent::store {

bool insert_review(Database &db, const Review &r) {
    auto s = db.prepare("INSERT OR IGNORE INTO review (person_id, lever, case_id, reviewer, assigned_on, due_on, baseline_gross, "
                        "baseline_council_bp, baseline_contribution, expected_weekly, decided_on, outcome, effective_from, reason, "
                        "recorded_by, hours) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    s.bind_all(std::string_view(r.person_id), std::string_view(r.lever), std::string_view(r.case_id), std::string_view(r.reviewer),
               std::string_view(r.assigned_on), std::string_view(r.due_on));
    const std::optional<int64_t> numbers[] = {r.baseline ? std::optional(r.baseline->gross) : std::nullopt,
                                              r.baseline ? std::optional(r.baseline->council_bp) : std::nullopt,
                                              r.baseline ? std::optional(r.baseline->contribution) : std::nullopt, r.expected_weekly};
    for (int i = 0; i < 4; ++i) {
        if (numbers[i]) s.bind(7 + i, *numbers[i]);
        else s.bind_null(7 + i);
    }
    // A decision's fields are NULL until decided, as record_review leaves them.
    const std::string *decision[] = {&r.decided_on, &r.outcome, &r.effective_from, &r.reason, &r.recorded_by};
    for (int i = 0; i < 5; ++i) {
        if (decision[i]->empty()) s.bind_null(11 + i);
        else s.bind(11 + i, std::string_view(*decision[i]));
    }
    if (r.hours) s.bind(16, *r.hours);
    else s.bind_null(16);
    s.run();
    return sqlite3_changes(db.handle()) == 1;
}

} // namespace ascent::store
