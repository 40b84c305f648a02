// The council's settings of a ledger, each stored once (ledger_meta "setting.<key>") and every
// change audited: the import threshold, weeks a year, and the lever catalogue in force. Every
// front end reads its conventions from here, so the CLI, the API and the browser agree.
#include "app/settings.hpp"

#include <fmt/format.h>

#include "app/council.hpp"
#include "core/error.hpp"
#include "io/text_file.hpp"

namespace ascent::app {

namespace {

// A council that has not chosen: a real caseload changes by a few percent a quarter (new people
// and leavers are each about 5–10%; the April fee uplift moves weekly cost 3–10% once a year),
// so more than a fifth in one file is far more often a partial, filtered or wrong file.
constexpr int64_t k_default_max_change = 2000; // basis points

// A council that has not chosen: 52.143 weeks, a 365-day year (365/7 = 52.1429 to 3 places), as
// the built-in lever catalogue and the business-case template assume. Councils that budget on
// 52 weeks (or 52.14) set it; every annual figure then follows.
WeeksPerYear default_weeks() { return WeeksPerYear::fifty_two_point_one_four_three(); }

constexpr std::string_view k_built_in = "built-in";

std::string catalogue_label(const opportunity::RuleSet &r) {
    return fmt::format("{} version {} ({}; SHA-256 {})", r.name, r.version, r.path, r.sha256.substr(0, 12));
}

} // namespace

std::string percent_of(int64_t basis_points) {
    std::string out = std::to_string(basis_points / 100);
    if (const auto rest = basis_points % 100; rest != 0) out += fmt::format(".{:02}", rest);
    while (out.back() == '0' && out.find('.') != std::string::npos) out.pop_back();
    return out;
}

int64_t Council::max_import_change() {
    const auto text = store_->setting(k_max_change_setting);
    return text.empty() ? k_default_max_change : std::stoll(text);
}

WeeksPerYear Council::weeks_per_year() {
    const auto text = store_->setting(k_weeks_setting);
    if (text.empty()) return default_weeks();
    const auto weeks = WeeksPerYear::parse(text);
    if (!weeks) throw storage_error("the ledger's setting " + std::string(k_weeks_setting) + " is '" + text + "', not a weeks convention");
    return *weeks;
}

Conventions Council::conventions(const Overrides &run) {
    Conventions c;
    const bool weeks_set = !store_->setting(k_weeks_setting).empty();
    c.weeks = run.weeks.value_or(weeks_per_year());
    c.weeks_source = run.weeks ? "--weeks for this run" : weeks_set ? "council setting" : "council setting, default";
    const auto stored = store_->setting(k_levers_setting);
    auto rules = !run.rules_file.empty() ? opportunity::load_rules(run.rules_file)
                 : stored.empty()        ? opportunity::parse_rules(opportunity::default_rules_text(), "built-in rules/levers.yaml")
                                         : opportunity::parse_rules(stored, "stored in the ledger");
    c.levers_source = !run.rules_file.empty() ? "--rules for this run" : stored.empty() ? "council setting, default" : "council setting";
    rules.weeks = c.weeks; // the council's weeks a year govern every annual figure, whatever a catalogue says
    c.levers = catalogue_label(rules);
    c.catalogue = std::make_shared<const opportunity::RuleSet>(std::move(rules));
    return c;
}

std::string format_conventions(const Conventions &c) {
    return fmt::format("{} weeks a year ({}); levers: {} ({})", c.weeks.name, c.weeks_source, c.levers, c.levers_source);
}

std::vector<CouncilSetting> Council::settings() {
    const auto now = conventions();
    return {{k_weeks_setting, std::string(now.weeks.name),
             "weeks a year for every annual figure (52, 52.14, 52.143 or 365/7); a CLI --weeks overrides it for one run and says so",
             store_->setting(k_weeks_setting).empty()},
            {k_levers_setting, now.levers,
             "the lever catalogue in force for opportunities, cases, programmes, reviews and worklists: built-in, or the council's "
             "edited `ascent rules export` file (`ascent rules use FILE`)",
             store_->setting(k_levers_setting).empty()},
            {k_max_change_setting, percent_of(max_import_change()) + "%",
             "the largest change in people, open lines or gross weekly cost a new CLD snapshot may make "
             "before the import asks for --accept-change \"reason\"",
             store_->setting(k_max_change_setting).empty()}};
}

void Council::set_setting(const std::string &key, const std::string &value) {
    if (key == k_weeks_setting) {
        const auto weeks = WeeksPerYear::parse(value);
        if (!weeks) throw input_error(std::string(k_weeks_setting) + " must be 52, 52.14, 52.143 or 365/7, not '" + value + "'");
        store_->set_setting(k_weeks_setting, std::string(weeks->name),
                            {0, {}, actor_, "setting", k_weeks_setting, std::string(weeks->name)});
        return;
    }
    if (key == k_levers_setting) {
        use_lever_catalogue(value, "the lever catalogue");
        return;
    }
    if (key != k_max_change_setting)
        throw input_error("unknown setting '" + key + "'; the settings are: " + k_weeks_setting + ", " + k_levers_setting + ", " +
                          k_max_change_setting);
    const auto ratio = value.ends_with('%') ? parse_decimal(std::string_view(value).substr(0, value.size() - 1), 2)
                                            : std::nullopt;
    const int64_t basis_points = ratio ? ratio->num * (100 / ratio->den) : 0;
    if (basis_points <= 0 || basis_points > 10000)
        throw input_error(std::string(k_max_change_setting) + " must be a percentage more than 0% and at most 100%, such as 25%, not '" +
                          value + "'");
    store_->set_setting(k_max_change_setting, std::to_string(basis_points),
                        {0, {}, actor_, "setting", k_max_change_setting, percent_of(basis_points) + "%"});
}

void Council::use_lever_catalogue(const std::string &text, const std::string &source) {
    if (text == k_built_in) {
        store_->set_setting(k_levers_setting, "", {0, {}, actor_, "setting", k_levers_setting, "built-in"});
        return;
    }
    const auto rules = opportunity::parse_rules(text, source); // every lever checked before anything is stored
    store_->set_setting(k_levers_setting, text,
                        {0, {}, actor_, "setting", k_levers_setting,
                         fmt::format("{} version {} from {} (SHA-256 {})", rules.name, rules.version, source, rules.sha256)});
}

void Council::use_lever_file(const std::string &path) {
    if (path == k_built_in) return use_lever_catalogue(path, path);
    use_lever_catalogue(io::read_text_file(path, "the rules file"), path);
}

std::string_view built_in_rules_text() { return opportunity::default_rules_text(); }

std::string format_rules_check(const std::string &path) {
    const auto checked = opportunity::load_rules(path);
    std::string out = fmt::format("{}: {} version {}, {} levers, SHA-256 {}\n", path, checked.name, checked.version,
                                  checked.levers.size(), checked.sha256);
    for (const auto &l : checked.levers) out += fmt::format("  {:<34} {:<9} {}\n", l.id, l.enabled ? "enabled" : "disabled", l.name);
    return out;
}

std::string format_settings(const std::vector<CouncilSetting> &settings) {
    std::string out;
    for (const auto &s : settings)
        out += fmt::format("{} = {}{}\n    {}\n", s.key, s.value, s.is_default ? " (default)" : "", s.description);
    return out;
}

} // namespace ascent::app
