#include "commissioning/uplift.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/codes.hpp"
#include "core/money.hpp"
#include "io/text_file.hpp"
#include "io/yaml_text.hpp"

namespace ascent::commissioning {

namespace {

std::string percent(int64_t bp) { return fmt::format("{}.{:02}%", bp / 100, bp % 100); }

} // namespace

UpliftOptions read_uplift_options(std::string_view text, const std::string &path) {
    return io::read_yaml(text, path, [&](const YAML::Node &root) {
        const io::YamlFields f(path);
        if (!root.IsMap() || !root["name"] || !root["effective"] || !root["options"] || !root["options"].IsSequence())
            f.fail(root, "uplift options are a mapping with 'name', 'effective' and a list of 'options'");
        f.keys(root, {"name", "effective", "years", "weeks_per_year", "options"}, "uplift options");
        UpliftOptions out;
        out.name = root["name"].Scalar();
        out.effective = f.date(root["effective"], "'effective'");
        if (root["years"]) out.years = static_cast<int>(f.scaled(root["years"], 0, "'years'"));
        if (const auto w = root["weeks_per_year"]) {
            const auto weeks = WeeksPerYear::parse(w.Scalar());
            if (!weeks) f.fail(w, "'weeks_per_year' must be 52, 52.14, 52.143 or 365/7");
            out.weeks = *weeks;
        }
        for (const auto &o : root["options"]) {
            if (!o.IsMap() || !o["name"] || (!o["uplift"] && !o["nlw_pass_through"]))
                f.fail(o, "each option has a 'name' and either 'uplift' (service → %, or any: %) or 'nlw_pass_through' (staff_share, other)");
            f.keys(o, {"name", "uplift", "nlw_pass_through"}, "an option");
            UpliftOption option;
            option.name = o["name"].Scalar();
            if (const auto u = o["uplift"]) {
                if (!u.IsMap()) f.fail(u, "'uplift' maps a service (or 'any') to a percentage");
                for (const auto &kv : u) {
                    const auto bp = f.scaled(kv.second, 2, "an uplift", true);
                    if (normalise_key(kv.first.Scalar()) == "any") {
                        option.all = bp;
                        continue;
                    }
                    const auto component = match_code(CodeField::service_component, kv.first.Scalar());
                    if (!component) f.fail(kv.first, "unknown service '" + kv.first.Scalar() + "' (or write 'any')");
                    option.by_service[component->code] = bp;
                }
            }
            if (const auto n = o["nlw_pass_through"]) {
                f.keys(n, {"staff_share", "other", "assumed_nlw"}, "'nlw_pass_through'");
                option.nlw_staff_share = f.scaled(n, "staff_share", 2, "'staff_share'", true);
                if (*option.nlw_staff_share > 10'000) f.fail(n["staff_share"], "'staff_share' is at most 100%");
                if (n["other"]) option.nlw_other = f.scaled(n, "other", 2, "'other'", true);
                if (const auto assumed = n["assumed_nlw"]) option.assumed_nlw = f.pence(assumed, "'assumed_nlw' (£ an hour)", true);
            }
            out.options.push_back(std::move(option));
        }
        if (out.options.empty()) f.fail(root["options"], "give at least one option");
        return out;
    });
}

UpliftOptions read_uplift_options_file(const std::string &path) {
    return read_uplift_options(io::read_text_file(path, "uplift options"), path);
}

UpliftModel model_uplifts(const Ledger &ledger, const UpliftOptions &options, const params::ParameterSet &parameters) {
    UpliftModel model;
    model.options = options;
    const auto &l = ledger.lines;
    std::map<Code, int64_t> weekly_by_service;
    for (std::size_t i = 0; i < l.size(); ++i) {
        if (!ledger.line_active(i, ledger.as_at)) continue;
        weekly_by_service[l.component[i]] += l.weekly_cost[i];
        model.weekly_spend += l.weekly_cost[i];
    }
    for (const auto &o : options.options) {
        UpliftResult r;
        r.name = o.name;
        if (o.nlw_staff_share) {
            // The NLW's rise to the effective date from a year before it, for the staff share.
            const Date year_before = Date::ymd(options.effective.year() - 1, options.effective.month(), options.effective.day());
            model.nlw_before = parameters.money("wage.national_living_wage", year_before);
            const auto &after = parameters.value("wage.national_living_wage", options.effective, params::Unit::money);
            // A rate carried forward from an earlier year is not next year's: say so rather than pass through nothing.
            if (!o.assumed_nlw && after.from <= year_before)
                throw input_error(fmt::format("option '{}': the parameters have no National Living Wage announced for {} (the latest is {} from {}); "
                                              "give 'assumed_nlw' or a council parameter file with it",
                                              o.name, options.effective.uk(), after.text, after.from.uk()));
            model.nlw_after = o.assumed_nlw.value_or(after.number);
            // Exact: spend × (share × (after − before) ÷ before + (1 − share) × other), rounded half-up once.
            const Int128 n = static_cast<Int128>(model.weekly_spend) *
                               (static_cast<Int128>(*o.nlw_staff_share) * (*model.nlw_after - *model.nlw_before) * 10'000 +
                                static_cast<Int128>(10'000 - *o.nlw_staff_share) * o.nlw_other * *model.nlw_before);
            const Int128 d = static_cast<Int128>(10'000) * 10'000 * *model.nlw_before;
            r.weekly_increase = static_cast<int64_t>((n + d / 2) / d);
            r.workings = fmt::format("{} of spend is pay, up with the NLW from {} to {}{}; the rest up {}", percent(*o.nlw_staff_share),
                                     format_pence(Money::from_pence(*model.nlw_before)), format_pence(Money::from_pence(*model.nlw_after)),
                                     o.assumed_nlw ? " (assumed)" : "", percent(o.nlw_other));
        } else {
            Int128 n = 0;
            for (const auto &[component, weekly] : weekly_by_service) {
                const auto it = o.by_service.find(component);
                const int64_t bp = it != o.by_service.end() ? it->second : o.all.value_or(0);
                n += static_cast<Int128>(weekly) * bp;
            }
            r.weekly_increase = static_cast<int64_t>((n + 5'000) / 10'000);
            std::string parts;
            for (const auto &[component, bp] : o.by_service)
                parts += fmt::format("{}{} {}", parts.empty() ? "" : ", ", code_label(CodeField::service_component, component), percent(bp));
            if (o.all) parts += fmt::format("{}{} for {}", parts.empty() ? "" : ", ", percent(*o.all), o.by_service.empty() ? "all services" : "the rest");
            r.workings = parts;
        }
        FinancialYear year = FinancialYear::containing(options.effective);
        for (int y = 0; y < options.years; ++y, year = year.next())
            r.cost_by_year.emplace_back(year, in_year_from_weekly(Money::from_pence(r.weekly_increase), options.weeks, year, options.effective).pence());
        model.results.push_back(std::move(r));
    }
    for (auto &r : model.results)
        for (std::size_t y = 0; y < r.cost_by_year.size(); ++y)
            r.growth_avoided.push_back(model.results.front().cost_by_year[y].second - r.cost_by_year[y].second);
    return model;
}

std::string format_uplifts(const UpliftModel &m) {
    const auto pounds = [](int64_t p) { return format_pence(Money::from_pence(p)); };
    std::string out = fmt::format("{}: from {}, on current spend of {} a week ({} a year at {} weeks)\n\n", m.options.name,
                                  m.options.effective.uk(), pounds(m.weekly_spend),
                                  pounds(annual_from_weekly(Money::from_pence(m.weekly_spend), m.options.weeks).pence()), m.options.weeks.name);
    out += fmt::format("  {:<36} {:>12}", "option", "a week");
    for (const auto &[year, cost] : m.results.front().cost_by_year) out += fmt::format(" {:>14}", year.label());
    out += "\n";
    for (const auto &r : m.results) {
        out += fmt::format("  {:<36} {:>12}", r.name.substr(0, 36), pounds(r.weekly_increase));
        for (const auto &[year, cost] : r.cost_by_year) out += fmt::format(" {:>14}", pounds(cost));
        out += "\n";
    }
    out += fmt::format("\nGrowth avoided against '{}' (for the budget proposals table as growth avoidance):\n", m.results.front().name);
    for (std::size_t k = 1; k < m.results.size(); ++k) {
        out += fmt::format("  {:<36} {:>12}", m.results[k].name.substr(0, 36), "");
        for (const auto g : m.results[k].growth_avoided) out += fmt::format(" {:>14}", pounds(g));
        out += "\n";
    }
    out += "\nWorkings:\n";
    for (const auto &r : m.results) out += fmt::format("  {}: {}\n", r.name, r.workings);
    return out;
}

std::string budget_lines_yaml(const UpliftModel &m, const std::string &directorate, const std::string &service) {
    const auto quoted = [](const std::string &text) {
        std::string out = "\"";
        for (const char c : text) out += c == '"' ? std::string("\\\"") : std::string(1, c);
        return out + "\"";
    };
    std::string out = fmt::format("# Growth avoided by fee uplift options against '{}' ({}), from {}: add these lines to a programme file\n"
                                  "# whose first year is {} and which runs {} years. Savings are incremental by year.\nlines:\n",
                                  m.results.front().name, m.options.name, m.options.effective.uk(),
                                  FinancialYear::containing(m.options.effective).label(), m.options.years);
    for (std::size_t k = 1; k < m.results.size(); ++k) {
        const auto &r = m.results[k];
        std::string years;
        int64_t before = 0;
        for (const auto g : r.growth_avoided) {
            const int64_t step = g - before, size = step < 0 ? -step : step;
            years += fmt::format("{}\"{}{}.{:02}\"", years.empty() ? "" : ", ", step < 0 ? "-" : "", size / 100, size % 100);
            before = g;
        }
        out += fmt::format("  - title: {}\n    how_achieved: {}\n    directorate: {}\n    service: {}\n    category: growth_avoidance\n"
                           "    years: [{}]\n    delivery_risk: M\n",
                           quoted("Fee uplift: " + r.name), quoted(r.workings + "; against " + m.results.front().name), quoted(directorate),
                           quoted(service), years);
    }
    return out;
}

} // namespace ascent::commissioning
