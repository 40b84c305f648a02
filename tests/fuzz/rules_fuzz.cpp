// Lever catalogues (`rules check`, `--rules`): accepted or refused with an input error; every
// accepted lever's cohort reads again from its own text, to the same SQL form.
#include "fuzz_support.hpp"
#include "opportunity/rules.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, std::size_t size) {
    ascent::opportunity::RuleSet rules;
    if (!ascent::fuzz::accepts([&] { rules = ascent::opportunity::parse_rules(ascent::fuzz::as_text(data, size), "rules.yaml"); }))
        return 0;
    if (rules.levers.empty()) ascent::fuzz::finding("an accepted catalogue with no levers");
    for (const auto &lever : rules.levers) {
        std::string sql, again;
        const bool ok = ascent::fuzz::accepts([&] {
            sql = lever.cohort.to_sql();
            again = ascent::CohortExpression::parse(lever.cohort.text()).to_sql();
        });
        if (ok && sql != again) ascent::fuzz::finding("lever " + lever.id + "'s cohort reads differently from its text");
    }
    return 0;
}
