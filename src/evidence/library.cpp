#include "evidence/library.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <iterator>

#include "core/money.hpp"
#include "core/text.hpp"
#include "io/yaml_text.hpp"

namespace ascent::evidence {

extern const std::vector<std::string_view> k_evidence; // rules/evidence/asce-annex.yaml

namespace {

bool contains(std::string_view haystack, std::string_view needle) { return needle.empty() || ascii_lower(haystack).find(ascii_lower(needle)) != std::string::npos; }

std::string money(int64_t pence) { return format_pounds(Money::from_pence(pence)); }

} // namespace

std::optional<int64_t> parse_amount(std::string_view text) {
    std::string s;
    for (const char c : text)
        if (c != ' ' && c != '*') s += c;
    if (s.rfind("£", 0) != 0) return std::nullopt;
    s = ascii_lower(s.substr(std::string_view("£").size()));
    int64_t scale = 1;
    for (const auto &[suffix, factor] : {std::pair<std::string_view, int64_t>{"million", 1'000'000}, {"billion", 1'000'000'000}, {"m", 1'000'000},
                                         {"k", 1'000}})
        if (s.ends_with(suffix)) {
            s.resize(s.size() - suffix.size());
            scale = factor;
            break;
        }
    const auto value = parse_decimal(s, 6);
    if (!value) return std::nullopt;
    return divide_rounded(static_cast<Int128>(value->num) * scale * 100, value->den, RoundingMode::half_up);
}

Library read_library(std::string_view text, const std::string &path) {
    return io::read_yaml(text, path, [&](const YAML::Node &root) {
        const io::YamlFields in(path);
        if (!root["councils"] || !root["councils"].IsSequence()) in.fail(root, "an evidence library has 'councils'");
        Library lib;
        lib.source = root["source"] ? root["source"].Scalar() : path;
        for (const auto &c : root["councils"]) {
            CouncilEntry entry{c["name"].Scalar(), c["line"].as<int>(0), {}, {}, {}};
            for (const auto &g : c["gross_spend"]) {
                entry.gross_spend_text.push_back(g.Scalar());
                const auto p = parse_amount(g.Scalar());
                if (!p) in.fail(g, "a gross spend must be an amount such as £54.87 million");
                entry.gross_spend.push_back(*p);
            }
            for (const auto &i : c["items"]) {
                const auto p = parse_amount(i["amount"].Scalar());
                if (!p) in.fail(i, "'amount' must be an amount such as £848,000 or £0.9 million");
                entry.items.push_back({i["amount"].Scalar(), *p, i["line"].as<int>(0), i["kind"] ? i["kind"].Scalar() : "other",
                                       i["scope"] ? i["scope"].Scalar() : "adult social care", i["theme"].Scalar(), i["lever"] ? i["lever"].Scalar() : "", i["quote"].Scalar(),
                                       i["bullet"] && i["bullet"].as<bool>(false)});
            }
            lib.councils.push_back(std::move(entry));
        }
        for (const auto &c : root["claims"]) {
            Claim claim{c["council"].Scalar(), c["stated"].Scalar(), c["what"].Scalar(), c["line"].as<int>(0), {}};
            for (const auto &f : c["computed"]) claim.factors.push_back(f.Scalar());
            if (!parse_amount(claim.stated)) in.fail(c["stated"], "'stated' must be an amount");
            lib.claims.push_back(std::move(claim));
        }
        return lib;
    });
}

Library built_in_library() {
    Library all;
    for (const auto text : k_evidence) {
        auto part = read_library(text, "the built-in evidence library");
        all.source += (all.source.empty() ? "" : "; ") + part.source;
        std::move(part.councils.begin(), part.councils.end(), std::back_inserter(all.councils));
        std::move(part.claims.begin(), part.claims.end(), std::back_inserter(all.claims));
    }
    return all;
}

std::vector<Match> search(const Library &library, const Query &q) {
    std::vector<Match> out;
    for (const auto &c : library.councils) {
        if (!contains(c.name, q.council)) continue;
        for (const auto &i : c.items)
            if ((q.lever.empty() || i.lever == q.lever) && contains(i.theme, q.theme) && contains(i.quote, q.words) &&
                (q.kind.empty() || i.kind == q.kind))
                out.push_back({&c, &i});
    }
    return out;
}

std::vector<Finding> check(const Library &library) {
    std::vector<Finding> out;
    for (const auto &c : library.councils) {
        if (!c.gross_spend.empty()) {
            const int64_t spend = *std::max_element(c.gross_spend.begin(), c.gross_spend.end());
            for (const auto &i : c.items)
                if (i.scope != "council" && i.kind != "rate" && i.pence > spend)
                    out.push_back({c.name, i.line,
                                   fmt::format("{} for adult social care is more than its whole gross spend ({}): probably a typo (\"{}\")", i.amount_text,
                                               c.gross_spend_text.back(), i.quote.substr(0, 120))});
        }
        // The headline (the first saving, in the summary under the council's name) against the listed savings.
        const auto headline = std::find_if(c.items.begin(), c.items.end(), [&](const Item &i) { return i.kind == "saving" && i.line <= c.line + 3; });
        int64_t listed = 0;
        int count = 0;
        for (const auto &i : c.items)
            if (i.bullet && i.kind == "saving") {
                listed += i.pence;
                ++count;
            }
        if (headline != c.items.end() && count >= 3 && listed != headline->pence)
            out.push_back({c.name, headline->line,
                           fmt::format("headline {} against {} listed savings adding up to {}: differs by {}", headline->amount_text, count,
                                       money(listed), money(listed - headline->pence))});
    }
    const auto claims = check_claims(library);
    out.insert(out.end(), claims.begin(), claims.end());
    return out;
}

namespace {

// The product of a claim's factors in pence: one amount (£) and plain numbers, exactly.
std::optional<int64_t> product(const Claim &c) {
    Int128 num = 1, den = 1;
    bool money_seen = false;
    for (const auto &f : c.factors) {
        if (const auto pence = parse_amount(f)) {
            num *= *pence;
            money_seen = true;
            continue;
        }
        const auto r = parse_decimal(f, 6);
        if (!r) return std::nullopt;
        num *= r->num;
        den *= r->den;
    }
    if (!money_seen) return std::nullopt;
    return divide_rounded(num, den, RoundingMode::half_up);
}

// The precision a figure is printed to, in pence: "£1.16m" is to the £10K, "£500,000" to the £1.
int64_t precision_of(std::string_view text) {
    const auto lowered = ascii_lower(text);
    int64_t unit = lowered.find('m') != std::string::npos ? 100'000'000 : lowered.find('k') != std::string::npos ? 100'000 : 100;
    const auto point = lowered.find('.');
    if (point != std::string::npos)
        for (std::size_t i = point + 1; i < lowered.size() && std::isdigit(static_cast<unsigned char>(lowered[i])); ++i) unit /= 10;
    return std::max<int64_t>(unit, 1);
}

} // namespace

std::vector<Finding> check_claims(const Library &library) {
    std::vector<Finding> out;
    for (const auto &c : library.claims) {
        const auto computed = product(c);
        const auto stated = parse_amount(c.stated);
        if (!computed || !stated) continue;
        const int64_t unit = precision_of(c.stated);
        if (Money::from_pence(*computed).rounded_to(unit).pence() == *stated) continue;
        out.push_back({c.council, c.line,
                       fmt::format("{}: stated {}, computed {} from {}: differs by {}", c.what, c.stated, format_pence(Money::from_pence(*computed)),
                                   fmt::format("{}", fmt::join(c.factors, " × ")), format_pence(Money::from_pence(*computed - *stated)))});
    }
    return out;
}

std::string format_matches(const Library &library, const std::vector<Match> &matches) {
    std::string out = fmt::format("{}: {}\n", library.source, count_of(matches.size(), "entry", "entries"));
    for (const auto &m : matches)
        out += fmt::format("\n{} (line {}) · {} · {} · {}\n  \"{}\"\n", m.council->name, m.item->line, m.item->amount_text, m.item->kind,
                           m.item->lever.empty() ? m.item->theme : m.item->theme + ", lever " + m.item->lever, m.item->quote);
    return out;
}

std::string format_findings(const std::vector<Finding> &findings) {
    std::string out = fmt::format("{}\n", count_of(findings.size(), "finding", "findings"));
    for (const auto &f : findings) out += fmt::format("  {} (line {}): {}\n", f.council, f.line, f.what);
    return out;
}

} // namespace ascent::evidence
