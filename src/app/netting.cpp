#include "app/netting.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <unordered_map>

#include "app/cases.hpp"
#include "core/error.hpp"

namespace ascent::app {

using namespace opportunity;

namespace {

std::string percent_of_basis_points(int64_t bp) {
    return bp % 100 == 0 ? fmt::format("{}%", bp / 100) : fmt::format("{}.{:02}%", bp / 100, bp % 100);
}

// One claimed lever's saving for one person: gross (on its own) and what this line keeps.
struct Share {
    std::size_t claim = 0;
    int64_t gross = 0, net = 0;
    bool one_off = false;
};

// Weekly amounts as a full year and one-off amounts as they are, each kind rounded once.
struct Sum {
    int64_t weekly = 0, one_off = 0;
    void add(bool is_one_off, int64_t v) { (is_one_off ? one_off : weekly) += v; }
    Money annual(WeeksPerYear weeks) const { return full_year(weekly, weeks) + to_money(one_off); }
};

std::vector<Claim> claims_of_option(const cases::BusinessCase &c, std::size_t option, std::vector<std::string> &not_netted) {
    std::vector<Claim> out;
    const auto &lines = c.options[option].lines;
    for (std::size_t l = 0; l < lines.size(); ++l) {
        const auto &link = lines[l].cohort;
        if (!link) continue;
        if (link->lever.empty()) not_netted.push_back(c.id + " " + lines[l].name);
        else out.push_back({c.id, c.title, option, l, lines[l].name, link->lever});
    }
    return out;
}

cases::CohortLookup lookup_over(std::vector<cases::CohortFigures> figures, cases::CohortLookup cohorts) {
    return [figures = std::move(figures), cohorts = std::move(cohorts)](const cases::CohortLink &link) {
        if (link.claim) return figures.at(*link.claim);
        if (!cohorts) throw input_error("a line draws on a cohort of the ledger; profile it against a ledger");
        return cohorts(link);
    };
}

} // namespace

std::string Netting::rule() const {
    return fmt::format(
        "each person's saving is counted once, by the opportunity finder's rules: within an overlap group the lever with the "
        "largest saving on its own for that person counts (ties: the lever listed first in the catalogue); across groups, "
        "reductions combine on what is left of the package and together are at most {} of it (max_combined_reduction); where "
        "two lines draw on the same lever, the line listed first (in a programme, the case listed first) keeps the person. The "
        "net total does not depend on the order of the lines or cases. Full-year, central, {} weeks a year (the lever "
        "catalogue's), each figure rounded once, half-up, to the penny from exact amounts, so a total can differ by a penny from "
        "the sum of the rounded lines above it",
        percent_of_basis_points(max_combined_reduction), weeks.name);
}

Netting net_claims(const Analysis &analysis, std::vector<Claim> claims, std::string scope) {
    const RuleSet &rules = *analysis.rules;
    Netting out;
    out.scope = std::move(scope);
    out.weeks = analysis.found.weeks;
    out.max_combined_reduction = rules.max_combined_reduction;
    if (claims.empty()) return out;
    FindOptions options;
    options.net_only_named = true;
    for (const auto &c : claims)
        if (std::find(options.only.begin(), options.only.end(), c.lever) == options.only.end()) options.only.push_back(c.lever);
    const Opportunities run = find_opportunities(*analysis.table, rules, options);
    const auto result_of = [&](const std::string &lever) {
        for (const auto &r : run.levers)
            if (rules.levers[r.lever].id == lever) return &r;
        throw input_error("no lever '" + lever + "' in the catalogue (see `ascent opportunities`)");
    };
    std::unordered_map<uint32_t, std::vector<Share>> by_person;
    std::map<std::string, std::size_t> keeper; // lever → the first claim on it
    Sum gross_total, net_total;
    for (std::size_t i = 0; i < claims.size(); ++i) {
        const LeverResult &r = *result_of(claims[i].lever);
        const Lever &lever = rules.levers[r.lever];
        const bool keeps = keeper.try_emplace(claims[i].lever, i).first->second == i;
        const bool one_off = lever.effect == Effect::one_off;
        ClaimFigures c;
        c.claim = std::move(claims[i]);
        c.people = r.people;
        c.gross = r.standalone;
        std::vector<Flag> kept;
        int64_t weekly_cost = 0;
        for (const auto &f : r.flags) {
            const int64_t net = keeps ? f.net[1] : 0;
            by_person[f.person].push_back({i, f.standalone[1], net, one_off});
            if (!keeps || f.counted_in >= 0) continue;
            ++c.people_counted;
            weekly_cost += f.in_scope;
            kept.push_back(f);
        }
        if (keeps) c.net = r.net;
        gross_total.add(one_off, c.gross[1]);
        net_total.add(one_off, c.net[1]);
        c.gross_annual = annual_figure(lever, c.gross[1], out.weeks);
        c.net_annual = annual_figure(lever, c.net[1], out.weeks);
        auto &f = c.figures;
        f.people = c.people_counted * 100;
        f.weekly_cost = weekly_cost;
        f.weekly_saving = to_money(c.net[1]).pence();
        f.weekly_saving_exact = c.net[1];
        f.weeks = out.weeks;
        f.saving_range = std::pair{c.net[0], c.net[2]};
        f.lever_confidence = lever_confidence(lever, kept, [](const Flag &x) { return x.net[1]; });
        f.source = fmt::format("lever {} on the ledger at {}, net of overlap with {}: on its own {} people and {} a year, {} deducted; counted here",
                               c.claim.lever, run.as_at.uk(), out.scope, r.people, format_pence(c.gross_annual),
                               format_pence(c.gross_annual - c.net_annual));
        out.claims.push_back(std::move(c));
    }
    std::map<std::pair<std::size_t, std::size_t>, std::pair<int64_t, Sum>> pairs;
    for (const auto &[person, shares] : by_person) {
        for (std::size_t x = 0; x < shares.size(); ++x)
            for (std::size_t y = x + 1; y < shares.size(); ++y) {
                auto &[people, deducted] = pairs[{shares[x].claim, shares[y].claim}];
                ++people;
                deducted.add(shares[x].one_off, shares[x].gross - shares[x].net);
                deducted.add(shares[y].one_off, shares[y].gross - shares[y].net);
            }
    }
    for (const auto &[ab, v] : pairs) out.pairs.push_back({ab.first, ab.second, v.first, v.second.annual(out.weeks)});
    out.people = static_cast<int64_t>(by_person.size());
    out.gross_annual = gross_total.annual(out.weeks);
    out.net_annual = net_total.annual(out.weeks);
    out.deducted_annual = out.gross_annual - out.net_annual;
    return out;
}

bool draws_on_levers(const std::vector<cases::BusinessCase> &cases) {
    for (const auto &c : cases)
        for (const auto &o : c.options)
            for (const auto &l : o.lines)
                if (l.cohort && !l.cohort->lever.empty()) return true;
    return false;
}

NettedProgramme net_programme(const Analysis &analysis, cases::Programme programme) {
    std::vector<Claim> claims;
    std::vector<std::string> not_netted;
    for (auto &c : programme.cases) {
        const auto option = static_cast<std::size_t>(&c.preferred() - c.options.data());
        for (auto &claim : claims_of_option(c, option, not_netted)) {
            c.options[option].lines[claim.line].cohort->claim = claims.size();
            claims.push_back(std::move(claim));
        }
    }
    NettedProgramme out{std::move(programme), net_claims(analysis, std::move(claims), "the programme's other cases and lines")};
    out.netting.not_netted = std::move(not_netted);
    return out;
}

cases::CohortLookup NettedProgramme::lookup(cases::CohortLookup cohorts) const {
    std::vector<cases::CohortFigures> figures;
    for (const auto &c : netting.claims) figures.push_back(c.figures);
    return lookup_over(std::move(figures), std::move(cohorts));
}

NettedCase net_case(const Analysis &analysis, cases::BusinessCase c) {
    NettedCase out;
    std::size_t next = 0;
    for (std::size_t o = 0; o < c.options.size(); ++o) {
        std::vector<std::string> not_netted;
        auto claims = claims_of_option(c, o, not_netted);
        for (const auto &claim : claims) c.options[o].lines[claim.line].cohort->claim = next++;
        out.options.push_back(net_claims(analysis, std::move(claims), fmt::format("the other lines of option '{}'", c.options[o].name)));
        out.options.back().not_netted = std::move(not_netted);
    }
    out.c = std::move(c);
    return out;
}

cases::CohortLookup NettedCase::lookup(cases::CohortLookup cohorts) const {
    std::vector<cases::CohortFigures> figures;
    for (const auto &n : options)
        for (const auto &claim : n.claims) figures.push_back(claim.figures);
    return lookup_over(std::move(figures), std::move(cohorts));
}

std::string format_netting(const Netting &n) {
    if (n.claims.empty() && n.not_netted.empty()) return {};
    std::string out = fmt::format("Overlap: net of {}\n  Rule: {}.\n", n.scope, n.rule());
    const auto name = [&](std::size_t i) {
        const auto &c = n.claims[i].claim;
        return (c.case_id + " " + c.line_name).substr(0, 44);
    };
    if (!n.claims.empty()) {
        out += fmt::format("  {:<44} {:<26} {:>7} {:>7} {:>16} {:>16} {:>16}\n", "Line", "Lever", "People", "Counted",
                           "On its own", "Overlap", "Net");
        for (std::size_t i = 0; i < n.claims.size(); ++i) {
            const auto &c = n.claims[i];
            out += fmt::format("  {:<44} {:<26} {:>7} {:>7} {:>16} {:>16} {:>16}\n", name(i), c.claim.lever, group_thousands(c.people),
                               group_thousands(c.people_counted), format_pence(c.gross_annual),
                               format_pence(c.gross_annual - c.net_annual), format_pence(c.net_annual));
        }
        out += fmt::format("  {:<44} {:<26} {:>7} {:>7} {:>16} {:>16} {:>16}\n", "Total (distinct people)", "",
                           group_thousands(n.people), "", format_pence(n.gross_annual), format_pence(n.deducted_annual),
                           format_pence(n.net_annual));
    }
    if (!n.pairs.empty()) {
        out += "  Where they overlap (a person in three lines shows in each pair; deducted: both lines' savings on their own on "
               "these people less what counts)\n";
        for (const auto &p : n.pairs)
            out += fmt::format("    {} and {}: {} people, {} deducted\n", name(p.a), name(p.b), group_thousands(p.people),
                               format_pence(p.deducted));
    } else if (n.claims.size() > 1) {
        out += "  No person is in more than one of these lines.\n";
    }
    for (const auto &line : n.not_netted)
        out += fmt::format("  Not netted: {} draws on a cohort expression, not a lever; it is shown gross\n", line);
    return out;
}

} // namespace ascent::app
