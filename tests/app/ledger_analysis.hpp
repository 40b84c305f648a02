// An app::Analysis of a hand-built ledger (every lever run, disabled ones too, as the case workspace
// runs it): for tests of what app builds on an analysis (netting, risk from the levers).
#pragma once

#include <memory>

#include "app/council.hpp"
#include "opportunity/ledger_book.hpp"

namespace ascent::test {

inline std::unique_ptr<app::Analysis> analysis_of(LedgerBook &book, const opportunity::RuleSet &rules) {
    auto a = std::make_unique<app::Analysis>();
    a->ledger = std::make_unique<Ledger>(book.ledger);
    a->facts = std::make_unique<PersonFacts>(person_facts(*a->ledger, book.as_at));
    a->table = std::make_unique<FactTable>(*a->ledger, *a->facts);
    a->rules = &rules;
    a->found = opportunity::find_opportunities(*a->table, rules, {{}, true, {}});
    return a;
}

} // namespace ascent::test
