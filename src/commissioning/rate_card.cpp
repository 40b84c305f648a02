#include "commissioning/rate_card.hpp"

#include <fmt/format.h>

#include <algorithm>

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
        f.keys(root, {"name", "flat_rate", "billing_minutes", "zones", "rates"}, "a rate card");
        RateCard card;
        card.name = root["name"].Scalar();
        if (const auto flat = root["flat_rate"]) {
            const auto key = normalise_key(flat.Scalar());
            if (key != "yes" && key != "no") f.fail(flat, "'flat_rate' is yes or no");
            card.flat_rate = key == "yes";
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
                          "(and optionally 'zone', 'specialist')");
            f.keys(r, {"service", "per", "from", "ceiling", "zone", "specialist"}, "a rate");
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

const Rate *ceiling_for(const RateCard &card, Code component, Code frequency, const std::string &zone, Date on) {
    // The latest rate in force: the zone's own if it has one, else the every-zone rate.
    const Rate *zoned = nullptr, *any = nullptr;
    for (const auto &r : card.rates) {
        if (r.component != component || r.frequency != frequency || r.specialist || on < r.from) continue;
        if (r.zone.empty() && (any == nullptr || any->from < r.from)) any = &r;
        if (!r.zone.empty() && r.zone == zone && (zoned == nullptr || zoned->from < r.from)) zoned = &r;
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
        const auto *rate = ceiling_for(card, l.component[i], l.frequency[i], zones[l.person[i]], on);
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
        const auto *rate = ceiling_for(card, l.component[i], l.frequency[i], zones[l.person[i]], r.effective);
        const auto planned = weekly_units_hundredths(l, i, 0);
        if (rate == nullptr || !planned) continue;
        const auto billed = weekly_units_hundredths(l, i, card.billing_minutes);
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
    std::string out = fmt::format("{}: new rates from {}\n{} lines move to the new card ({} cost more, {} less)\n"
                                  "Weekly cost of those lines: {} now, {} after: {} a week\n\n"
                                  "Saving by financial year, a negative figure a cost (part year from {}, then full years of {} weeks;"
                                  " rounded half-up once):\n",
                                  p.retender.name, p.retender.effective.uk(), group_thousands(p.lines), group_thousands(p.lines_up),
                                  group_thousands(p.lines_down), pounds(p.weekly_before), pounds(p.weekly_after),
                                  saving >= 0 ? "a saving of " + pounds(saving) : "an extra cost of " + pounds(-saving),
                                  p.retender.effective.uk(), p.retender.weeks.name);
    for (const auto &[year, pence] : p.saving_by_year) out += fmt::format("  {:<8} {:>14}\n", year.label(), pounds(pence));
    return out;
}

} // namespace ascent::commissioning
