#include "commissioning/rate_card.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "core/error.hpp"
#include "core/codes.hpp"
#include "core/money.hpp"
#include "io/text_file.hpp"
#include "io/yaml_text.hpp"

namespace ascent::commissioning {

namespace {

// Each person's zone, looked up once (empty when the card has no zones: every rate is for any zone).
std::vector<std::string> zones_by_person(const Ledger &ledger, const RateCard &card) {
    std::vector<std::string> zones(ledger.people.size());
    if (!card.zones.empty())
        for (std::size_t p = 0; p < ledger.people.size(); ++p) zones[p] = zone_of(card, ledger.text.at(ledger.people.postcode[p]));
    return zones;
}

// Units a week a line's unit cost is paid for: the planned units of an hourly line (billed in the
// card's blocks), one for a weekly line; nothing for other frequencies, which a card does not price.
std::optional<int64_t> weekly_units_hundredths(const LineColumns &l, std::size_t i, int block_minutes) {
    if (l.frequency[i] == codes::freq_weekly) return 100;
    if (l.frequency[i] == codes::freq_hourly && l.planned_units[i] > 0) return billable_hundredths(l.planned_units[i], block_minutes);
    return std::nullopt;
}

LineScope scope_of(const Ledger &ledger, std::size_t line, Date on) {
    const auto person = ledger.lines.person[line];
    const auto born = ledger.people.birth[person];
    return {ledger.people.support_reason[person], born == k_no_date ? -1 : age_on(Date::from_serial(born), on), ledger.lines.start[line]};
}

bool in_scope(const Rate &r, const LineScope &scope) {
    if (!r.client_groups.empty() && std::find(r.client_groups.begin(), r.client_groups.end(), scope.support_reason) == r.client_groups.end())
        return false;
    if ((r.min_age > 0 || r.max_age < 200) && (scope.age < r.min_age || scope.age > r.max_age)) return false;
    return !r.new_from || (scope.start != k_no_date && scope.start >= r.new_from->serial());
}

// A client group: one primary support reason, or a family of them by the words before the colon
// ("physical support" is both "Physical support: Access and mobility only" and "…: Personal care support").
std::vector<Code> client_group(std::string_view text) {
    if (const auto one = match_code(CodeField::support_reason, text)) return {one->code};
    std::vector<Code> family;
    const auto key = normalise_key(text);
    for (std::size_t c = 1; c < code_count(CodeField::support_reason); ++c) {
        const auto label = code_label(CodeField::support_reason, static_cast<Code>(c));
        if (const auto colon = label.find(':'); colon != std::string_view::npos && normalise_key(label.substr(0, colon)) == key)
            family.push_back(static_cast<Code>(c));
    }
    return family;
}

// How specific a rate's scope is: a client group or an age range before a rate for everyone.
int specificity(const Rate &r) { return (r.client_groups.empty() ? 0 : 2) + (r.min_age > 0 || r.max_age < 200 ? 1 : 0); }

// "18-64", "65+", "18+": the ages a rate is for.
std::optional<std::pair<int, int>> parse_ages(std::string_view text) {
    int low = 0, high = 0;
    if (text.size() >= 2 && text.back() == '+') {
        if (std::from_chars(text.data(), text.data() + text.size() - 1, low).ec != std::errc()) return std::nullopt;
        return std::pair(low, 200);
    }
    const auto dash = text.find('-');
    if (dash == std::string_view::npos) return std::nullopt;
    const auto a = std::from_chars(text.data(), text.data() + dash, low), b = std::from_chars(text.data() + dash + 1, text.data() + text.size(), high);
    if (a.ec != std::errc() || a.ptr != text.data() + dash || b.ec != std::errc() || b.ptr != text.data() + text.size() || low > high)
        return std::nullopt;
    return std::pair(low, high);
}

// pence per unit × hundredths of units, rounded half-up once.
int64_t cost_of(int64_t pence, int64_t hundredths) {
    const int64_t n = pence * hundredths;
    return (n >= 0 ? n + 50 : n - 50) / 100;
}

} // namespace

RateCard read_rate_card(std::string_view text, const std::string &path) {
    return io::read_yaml(text, path, [&](const YAML::Node &root) {
        const io::YamlFields f(path);
        if (!root.IsMap() || !root["name"] || !root["rates"] || !root["rates"].IsSequence())
            f.fail(root, "a rate card is a mapping with 'name' and a list of 'rates' (and optionally 'flat_rate', 'billing_minutes', 'zones')");
        f.keys(root, {"name", "flat_rate", "billing_minutes", "blocks_apply_to", "zones", "rates"}, "a rate card");
        RateCard card;
        card.name = root["name"].Scalar();
        if (const auto flat = root["flat_rate"]) {
            const auto key = normalise_key(flat.Scalar());
            if (key != "yes" && key != "no") f.fail(flat, "'flat_rate' is yes or no");
            card.flat_rate = key == "yes";
        }
        if (const auto blocks = root["blocks_apply_to"]) {
            const auto key = normalise_key(blocks.Scalar());
            if (key != "linesaboveceiling" && key != "everyline")
                f.fail(blocks, "'blocks_apply_to' is lines_above_ceiling (the default: a line already within its ceiling keeps its hours) or every_line");
            card.blocks_for_every_line = key == "everyline";
        }
        if (const auto minutes = root["billing_minutes"]) {
            card.billing_minutes = static_cast<int>(f.scaled(minutes, 0, "'billing_minutes'"));
            // A block must be a whole number of hundredths of an hour, as planned hours are held.
            if (card.billing_minutes > 60 || (card.billing_minutes > 0 && (60 % card.billing_minutes != 0 || card.billing_minutes % 3 != 0)))
                f.fail(minutes, "'billing_minutes' must be 3, 6, 12, 15, 30 or 60");
        }
        if (const auto zones = root["zones"]) {
            if (!zones.IsMap()) f.fail(zones, "'zones' maps each zone to its postcode prefixes, e.g. north: [BL9, M26]");
            for (const auto &kv : zones) {
                std::vector<std::string> prefixes;
                for (const auto &p : kv.second) prefixes.push_back(normalise_key(p.Scalar()));
                card.zones.emplace_back(kv.first.Scalar(), std::move(prefixes));
            }
        }
        for (const auto &r : root["rates"]) {
            if (!r.IsMap() || !r["service"] || !r["per"] || !r["from"] || !r["ceiling"])
                f.fail(r, "each rate has 'service' (a CLD service component), 'per' (hour or week), 'from' and 'ceiling' "
                          "(and optionally 'zone', 'specialist', 'client_groups', 'ages', 'new_packages_from')");
            f.keys(r, {"service", "per", "from", "ceiling", "zone", "specialist", "client_groups", "ages", "new_packages_from"}, "a rate");
            Rate rate;
            const auto component = match_code(CodeField::service_component, r["service"].Scalar());
            if (!component) f.fail(r["service"], "unknown service '" + r["service"].Scalar() + "': expected " + expected_values(CodeField::service_component, 30));
            rate.component = component->code;
            const auto per = normalise_key(r["per"].Scalar());
            if (per != "hour" && per != "week") f.fail(r["per"], "'per' is hour or week: the unit the ceiling prices");
            rate.frequency = per == "hour" ? codes::freq_hourly : codes::freq_weekly;
            rate.from = f.date(r["from"], "'from'");
            rate.ceiling = f.pence(r["ceiling"], "'ceiling'", true);
            if (const auto zone = r["zone"]) {
                rate.zone = zone.Scalar();
                const bool known = std::any_of(card.zones.begin(), card.zones.end(), [&](const auto &z) { return z.first == rate.zone; });
                if (!known) f.fail(zone, "zone '" + rate.zone + "' is not one of the card's 'zones'");
            }
            if (const auto s = r["specialist"]) rate.specialist = normalise_key(s.Scalar()) == "yes";
            if (const auto groups = r["client_groups"]) {
                if (!groups.IsSequence()) f.fail(groups, "'client_groups' is a list of primary support reasons, e.g. [learning disability support]");
                for (const auto &g : groups) {
                    const auto codes = client_group(g.Scalar());
                    if (codes.empty())
                        f.fail(g, "unknown client group '" + g.Scalar() + "': expected a primary support reason (" +
                                      expected_values(CodeField::support_reason, 30) + ") or a family of them such as physical support");
                    rate.client_groups.insert(rate.client_groups.end(), codes.begin(), codes.end());
                }
            }
            if (const auto ages = r["ages"]) {
                const auto range = parse_ages(ages.Scalar());
                if (!range) f.fail(ages, "'ages' is a range such as 18-64 or 65+, not '" + ages.Scalar() + "'");
                std::tie(rate.min_age, rate.max_age) = *range;
            }
            if (const auto from = r["new_packages_from"]) rate.new_from = f.date(from, "'new_packages_from'");
            card.rates.push_back(rate);
        }
        return card;
    });
}

RateCard read_rate_card_file(const std::string &path) { return read_rate_card(io::read_text_file(path, "rate card"), path); }

int64_t billable_hundredths(int64_t planned_hundredths, int block_minutes) {
    if (block_minutes <= 0) return planned_hundredths;
    // In hundredths of a minute: the planned time and one block; whole blocks, rounded up.
    const int64_t block = static_cast<int64_t>(block_minutes) * 100;
    const int64_t blocks = (planned_hundredths * 60 + block - 1) / block;
    return blocks * block / 60; // exact: a block is a whole number of hundredths of an hour
}

std::string zone_of(const RateCard &card, std::string_view postcode) {
    const auto key = normalise_key(postcode);
    for (const auto &[zone, prefixes] : card.zones)
        for (const auto &p : prefixes)
            if (!p.empty() && key.rfind(p, 0) == 0) return zone;
    return {};
}

const Rate *ceiling_for(const RateCard &card, Code component, Code frequency, const std::string &zone, Date on, const LineScope &scope) {
    // The zone's own rate if it has one, else the every-zone rate; the most specific scope; the latest in force.
    const auto better = [](const Rate *best, const Rate &r) {
        return best == nullptr || specificity(*best) < specificity(r) || (specificity(*best) == specificity(r) && best->from < r.from);
    };
    const Rate *zoned = nullptr, *any = nullptr;
    for (const auto &r : card.rates) {
        if (r.component != component || r.frequency != frequency || r.specialist || on < r.from || !in_scope(r, scope)) continue;
        if (r.zone.empty() && better(any, r)) any = &r;
        if (!r.zone.empty() && r.zone == zone && better(zoned, r)) zoned = &r;
    }
    return zoned != nullptr ? zoned : any;
}

CeilingCheck check_ceilings(const Ledger &ledger, const RateCard &card, Date on) {
    CeilingCheck out;
    out.on = on;
    const auto &l = ledger.lines;
    const auto zones = zones_by_person(ledger, card);
    for (std::size_t i = 0; i < l.size(); ++i) {
        if (!ledger.line_active(i, on) || is_direct_payment(l, i) || l.unit_cost[i] <= 0) continue;
        const auto units = weekly_units_hundredths(l, i, 0);
        if (!units) continue;
        ++out.lines_checked;
        const auto *rate = ceiling_for(card, l.component[i], l.frequency[i], zones[l.person[i]], on, scope_of(ledger, i, on));
        if (rate == nullptr) {
            ++out.lines_without_rate;
            continue;
        }
        if (l.unit_cost[i] <= rate->ceiling) continue;
        const int64_t excess = cost_of(l.unit_cost[i] - rate->ceiling, *units);
        out.flagged.push_back({static_cast<uint32_t>(i), l.unit_cost[i], rate->ceiling, excess});
        out.weekly_excess += excess;
    }
    std::stable_sort(out.flagged.begin(), out.flagged.end(), [](const auto &a, const auto &b) { return a.weekly_excess > b.weekly_excess; });
    return out;
}

RetenderProfile retender(const Ledger &ledger, const RateCard &card, const Retender &r) {
    RetenderProfile out;
    out.retender = r;
    const auto &l = ledger.lines;
    const Date on = ledger.as_at; // the packages as they are now move to the new rates
    const auto zones = zones_by_person(ledger, card);
    for (std::size_t i = 0; i < l.size(); ++i) {
        if (!ledger.line_active(i, on) || is_direct_payment(l, i) || l.unit_cost[i] <= 0) continue;
        const auto scope = scope_of(ledger, i, r.effective);
        const auto *rate = ceiling_for(card, l.component[i], l.frequency[i], zones[l.person[i]], r.effective, scope);
        const auto planned = weekly_units_hundredths(l, i, 0);
        if (rate == nullptr || !planned) {
            // A line a new-packages-only rate would price, but that started before its date, keeps its price.
            if (planned && ceiling_for(card, l.component[i], l.frequency[i], zones[l.person[i]], r.effective, {scope.support_reason, scope.age, INT32_MAX}))
                ++out.lines_before_new_from;
            continue;
        }
        // Blocks re-bill the lines brought down to the ceiling; a line within it keeps its hours unless the card says so.
        const bool brought_down = l.unit_cost[i] > rate->ceiling;
        const auto billed = weekly_units_hundredths(l, i, brought_down || card.blocks_for_every_line ? card.billing_minutes : 0);
        // A flat rate pays every line the card's rate; otherwise only lines above it come down to it.
        const int64_t unit = card.flat_rate ? rate->ceiling : std::min(l.unit_cost[i], rate->ceiling);
        const int64_t before = cost_of(l.unit_cost[i], *planned), after = cost_of(unit, *billed);
        ++out.lines;
        out.lines_up += after > before;
        out.lines_down += after < before;
        out.weekly_before += before;
        out.weekly_after += after;
    }
    FinancialYear year = FinancialYear::containing(r.effective);
    for (int y = 0; y < r.years; ++y, year = year.next())
        out.saving_by_year.emplace_back(year, in_year_from_weekly(Money::from_pence(out.weekly_before - out.weekly_after), r.weeks, year, r.effective).pence());
    return out;
}

std::string format_ceilings(const Ledger &ledger, const CeilingCheck &c, std::size_t limit) {
    const auto pounds = [](int64_t p) { return format_pence(Money::from_pence(p)); };
    std::string out = fmt::format("Lines open on {} priced above their ceiling: {} of {} checked ({} with no rate on the card)\n"
                                  "Excess over the ceilings: {} a week, {} a year at 52 weeks\n\n",
                                  c.on.uk(), group_thousands(static_cast<int64_t>(c.flagged.size())), group_thousands(c.lines_checked),
                                  group_thousands(c.lines_without_rate), pounds(c.weekly_excess), pounds(c.weekly_excess * 52));
    if (c.flagged.empty()) return out;
    out += fmt::format("  {:<12} {:<34} {:<28} {:>10} {:>10} {:>12}\n", "person", "service", "provider", "unit cost", "ceiling", "excess/week");
    const auto &l = ledger.lines;
    for (std::size_t k = 0; k < c.flagged.size() && k < limit; ++k) {
        const auto &f = c.flagged[k];
        out += fmt::format("  {:<12} {:<34} {:<28} {:>10} {:>10} {:>12}\n", ledger.people.id.at(l.person[f.line] + 1),
                           code_label(CodeField::service_component, l.component[f.line]).substr(0, 34),
                           ledger.text.at(l.provider[f.line]).substr(0, 28), pounds(f.unit_cost), pounds(f.ceiling), pounds(f.weekly_excess));
    }
    if (c.flagged.size() > limit) out += fmt::format("  … and {} more\n", c.flagged.size() - limit);
    return out;
}

std::string format_retender(const RetenderProfile &p) {
    const auto pounds = [](int64_t v) { return format_pence(Money::from_pence(v)); };
    const int64_t saving = p.weekly_before - p.weekly_after;
    std::string out = fmt::format("{}: new rates from {}\n{} lines move to the new card ({} cost more, {} less)\n{}"
                                  "Weekly cost of those lines: {} now, {} after: {} a week\n\n"
                                  "Saving by financial year, a negative figure a cost (part year from {}, then full years of {} weeks;"
                                  " rounded half-up once):\n",
                                  p.retender.name, p.retender.effective.uk(), group_thousands(p.lines), group_thousands(p.lines_up),
                                  group_thousands(p.lines_down),
                                  p.lines_before_new_from == 0 ? std::string()
                                                               : fmt::format("{} open lines started before a rate's new-packages date keep their price\n",
                                                                             group_thousands(p.lines_before_new_from)),
                                  pounds(p.weekly_before), pounds(p.weekly_after),
                                  saving >= 0 ? "a saving of " + pounds(saving) : "an extra cost of " + pounds(-saving),
                                  p.retender.effective.uk(), p.retender.weeks.name);
    for (const auto &[year, pence] : p.saving_by_year) out += fmt::format("  {:<8} {:>14}\n", year.label(), pounds(pence));
    return out;
}

} // namespace ascent::commissioning
