#include "app/plausibility.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <regex>

#include "evidence/library.hpp"

namespace ascent::app {

namespace {

const evidence::Library &library() {
    static const evidence::Library built_in = evidence::built_in_library();
    return built_in;
}

int64_t share_of(int64_t pence, int64_t gross) {
    return gross <= 0 ? 0 : divide_rounded(Int128{pence} * 1'000'000, gross, RoundingMode::half_up);
}

std::string percent(int64_t ppm) {
    const int64_t hundredths = divide_rounded(ppm, 100, RoundingMode::half_up);
    return fmt::format("{}{}.{:02}%", hundredths < 0 ? "-" : "", std::abs(hundredths) / 100, std::abs(hundredths) % 100);
}

// A saving in adult social care (the library's default scope).
bool counts(const evidence::Item &item) { return item.kind == "saving" && item.scope == "adult social care" && item.pence > 0; }

// A saving the library's sentence gives for one year: "per annum", "a year", "each year", "annual",
// or a financial year ("in 2012/13", "in 13/14").
bool yearly(const evidence::Item &item) {
    static const std::regex year(R"(per annum|a year|each year|per year|in each of|annual|each of the last|in (20)?\d\d/\d\d)",
                                 std::regex::icase);
    return std::regex_search(item.quote, year);
}

// Each council's savings tagged with `lever` (or, for an empty lever, its largest yearly saving of any kind)
// as a share of its gross spend (the smallest the library prints), and the largest amount. A lever's
// range runs from the least to the most; a total's from the lower to the upper quartile.
std::optional<EvidenceRange> evidence_range(const std::string &lever) {
    std::optional<EvidenceRange> out;
    std::vector<std::pair<int64_t, std::string>> shares;
    const auto add = [&](const evidence::CouncilEntry &c, const evidence::Item &item) {
        if (!out) out = EvidenceRange{};
        if (item.pence > out->largest) {
            out->largest = item.pence;
            out->largest_from = fmt::format("{}, line {}: {}", c.name, item.line, item.amount_text);
        }
        // The smallest gross spend it prints: a generous bound, and one that steps round the library's
        // typos (Enfield's "£104,633 million").
        const auto gross = std::min_element(c.gross_spend.begin(), c.gross_spend.end());
        if (gross == c.gross_spend.end() || *gross <= 0) return;
        shares.emplace_back(share_of(item.pence, *gross),
                            fmt::format("{}, line {}: {} of {}", c.name, item.line, item.amount_text,
                                        c.gross_spend_text[static_cast<std::size_t>(gross - c.gross_spend.begin())]));
    };
    for (const auto &c : library().councils) {
        const evidence::Item *largest = nullptr;
        for (const auto &item : c.items) {
            if (!counts(item)) continue;
            if (!lever.empty() && item.lever == lever) add(c, item);
            if (lever.empty() && yearly(item) && (!largest || item.pence > largest->pence)) largest = &item;
        }
        if (largest) add(c, *largest);
    }
    if (shares.empty()) return out;
    std::sort(shares.begin(), shares.end());
    const auto rank = [&](std::size_t quarter) { // nearest rank: the ceil(quarter/4 × n)-th
        return std::max<std::size_t>(1, (shares.size() * quarter + 3) / 4) - 1;
    };
    const auto &low = shares[lever.empty() ? rank(1) : 0], &high = shares[lever.empty() ? rank(3) : shares.size() - 1];
    out->findings = static_cast<int>(shares.size());
    out->low = low.first;
    out->low_from = low.second;
    out->high = high.first;
    out->high_from = high.second;
    return out;
}

PlausibilityCheck check(std::string what, const std::string &lever, Money annual, Money gross) {
    PlausibilityCheck c{std::move(what), lever, annual, share_of(annual.pence(), gross.pence()), evidence_range(lever), Verdict::no_evidence, {}};
    const std::string size = fmt::format("{} a year is {} of the council's gross spend on care packages ({})", format_pounds(annual),
                                         percent(c.share), format_pounds(gross));
    const bool total = lever.empty();
    const std::string with = total ? "in total" : "with this lever";
    if (!c.evidence) {
        c.message = fmt::format("{}; no council in the evidence library reports a saving {}: nothing to compare it with", size, with);
        return c;
    }
    const auto &e = *c.evidence;
    if (e.findings == 0) {
        const bool above = annual.pence() > e.largest;
        c.verdict = above ? Verdict::above : Verdict::within;
        c.message = fmt::format("{}; no council reporting {} in the evidence library gives its gross spend, so it is set against the "
                                "largest amount one reports ({}): {}",
                                size, with, e.largest_from, above ? "above it; check the assumptions" : "not above it");
        return c;
    }
    const std::string largest = fmt::format("; the largest amount a council reports {} is {}", with, e.largest_from);
    if (c.share > e.high) {
        c.verdict = Verdict::above;
        c.message = total ? fmt::format("{}: above what three councils in four in the evidence library saved in a year (upper quartile {}, "
                                        "{}); check the assumptions", size, percent(e.high), e.high_from)
                          : fmt::format("{}: above the most any council in the evidence library reports with this lever ({}, {}){}; check "
                                        "the assumptions", size, percent(e.high), e.high_from, largest);
    } else if (c.share < e.low) {
        c.verdict = Verdict::below;
        c.message = total ? fmt::format("{}: below what three councils in four in the evidence library saved in a year (lower quartile {}, {})",
                                        size, percent(e.low), e.low_from)
                          : fmt::format("{}: below the least a council in the evidence library reports with this lever ({}, {})", size,
                                        percent(e.low), e.low_from);
    } else {
        c.verdict = Verdict::within;
        c.message = fmt::format("{}: within {} in the evidence library report {} ({} to {}, {})", size,
                                total ? "the middle half of what councils" : "what councils", total ? "saved in a year" : with, percent(e.low), percent(e.high),
                                total ? count_of(static_cast<uint64_t>(e.findings), "council", "councils")
                                      : count_of(static_cast<uint64_t>(e.findings), "saving", "savings"));
    }
    return c;
}

Plausibility base(const Analysis &a) {
    Plausibility p;
    p.gross_annual = opportunity::full_year(a.found.ledger_weekly.pence() * opportunity::k_sub_pence, a.found.weeks);
    p.gross_basis = fmt::format("the weekly cost of every open line on the ledger at {} ({}) × {} weeks a year (the lever catalogue's)",
                                a.found.as_at.uk(), format_pence(a.found.ledger_weekly), a.found.weeks.name);
    p.rule = "a figure is compared, as a share of the council's gross annual spend on care packages, with the savings councils in the "
             "evidence library (" + library().source + ") report with the same lever as a share of their gross spend: above the most is a "
             "warning, below the least a note, and no finding is said; a total is compared with the middle half (lower to upper quartile) "
             "of each council's largest saving in one year";
    return p;
}

} // namespace

std::string_view to_string(Verdict v) {
    switch (v) {
    case Verdict::within: return "within";
    case Verdict::above: return "above";
    case Verdict::below: return "below";
    case Verdict::no_evidence: return "no evidence";
    }
    return "";
}

Plausibility opportunity_plausibility(const Analysis &a, const OpportunityFigures &figures) {
    Plausibility p = base(a);
    for (const auto &l : figures.levers) {
        if (!l.in_totals || l.lever->effect == opportunity::Effect::one_off || l.annual_net[1].pence() <= 0) continue;
        p.checks.push_back(check(fmt::format("lever {} ({})", l.lever->id, l.lever->name), l.lever->id, l.annual_net[1], p.gross_annual));
    }
    const Money total = figures.totals[static_cast<std::size_t>(opportunity::Effect::reduction)].annual[1] +
                        figures.totals[static_cast<std::size_t>(opportunity::Effect::income)].annual[1];
    p.checks.push_back(check("every lever, net of overlap (reductions and income)", "", total, p.gross_annual));
    return p;
}

Plausibility programme_plausibility(const Analysis &a, const Netting &netting, Money programme_annual, const std::string &programme_basis) {
    Plausibility p = base(a);
    std::vector<std::pair<std::string, Money>> by_lever;
    for (const auto &c : netting.claims) {
        auto it = std::find_if(by_lever.begin(), by_lever.end(), [&](const auto &x) { return x.first == c.claim.lever; });
        if (it == by_lever.end()) it = by_lever.emplace(by_lever.end(), c.claim.lever, Money{});
        it->second += c.net_annual;
    }
    for (const auto &[lever, annual] : by_lever)
        if (annual.pence() > 0) p.checks.push_back(check("lever " + lever + " in the programme (net of overlap)", lever, annual, p.gross_annual));
    p.checks.push_back(check("the programme: " + programme_basis, "", programme_annual, p.gross_annual));
    return p;
}

std::string format_plausibility(const Plausibility &p) {
    std::string out = fmt::format("Plausibility: against the council's gross spend and the evidence library\n  Gross spend: {}, {}.\n  Rule: {}.\n",
                                  format_pounds(p.gross_annual), p.gross_basis, p.rule);
    for (const auto &c : p.checks)
        out += fmt::format("  {} {}: {}\n", c.verdict == Verdict::above ? "WARNING" : c.verdict == Verdict::below ? "note   " : "       ",
                           c.what, c.message);
    return out;
}

} // namespace ascent::app
