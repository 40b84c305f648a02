// The evidence library: what councils did and saved, as structured, sourced data — each council's
// reported gross spend and every amount it states, with the line of the document, the quote, its
// kind (saving, pressure, rate, other) and the lever theme it points to. Built in from
// rules/evidence/asce-annex.yaml (the ASCE final report annex); searchable by lever, theme,
// council and words; and checked: an amount larger than the council's whole gross spend, and a
// headline saving that differs from the savings it lists, are reported with the difference.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ascent::evidence {

struct Item {
    std::string amount_text;  // as printed, e.g. "£1.069 million"
    int64_t pence = 0;
    int line = 0;
    std::string kind, scope, theme, lever, quote; // scope: adult social care, or the whole council
    bool bullet = false;
};

struct CouncilEntry {
    std::string name;
    int line = 0;
    std::vector<std::string> gross_spend_text;
    std::vector<int64_t> gross_spend; // pence, by year as printed
    std::vector<Item> items;
};

// A figure a document derives from others (a product of amounts and counts), to recompute.
struct Claim {
    std::string council, stated, what;
    int line = 0;
    std::vector<std::string> factors;
};

struct Library {
    std::string source;
    std::vector<CouncilEntry> councils;
    std::vector<Claim> claims;
};

// The built-in library (the ASCE annex and the LGA report), or one read from a file in the same layout.
Library built_in_library();
Library read_library(std::string_view text, const std::string &path);

// "£0.9 million", "£848,000", "£7m" → pence; nothing if not an amount.
std::optional<int64_t> parse_amount(std::string_view text);

struct Query {
    std::string lever, theme, council, words, kind;
};
struct Match {
    const CouncilEntry *council;
    const Item *item;
};
std::vector<Match> search(const Library &library, const Query &query);

struct Finding {
    std::string council;
    int line = 0;
    std::string what;         // the check and the difference
};
// Amounts larger than the council's gross spend, headlines against the savings listed, and the
// library's claims recomputed.
std::vector<Finding> check(const Library &library);
std::vector<Finding> check_claims(const Library &library);

std::string format_matches(const Library &library, const std::vector<Match> &matches);
std::string format_findings(const std::vector<Finding> &findings);

} // namespace ascent::evidence
