#include "charging/simulation.hpp"

#include <yaml-cpp/yaml.h>

#include <fmt/format.h>

#include <fstream>
#include <future>
#include <sstream>
#include <thread>

#include "core/error.hpp"
#include "core/money.hpp"

namespace ascent::charging {

namespace {

std::size_t change_band(int64_t change) {
    if (change < 0) return 0;
    if (change == 0) return 1;
    if (change <= 5'00) return 2;
    if (change <= 10'00) return 3;
    if (change <= 20'00) return 4;
    if (change <= 30'00) return 5;
    return 6;
}

// Assesses cases [first, last) under every set of rates (index 0: the baseline) and tallies each
// option against the baseline. Each case is read once for all options, and no charge is stored.
std::vector<OptionResult> assess_range(const std::vector<FinancialCase> &caseload, const std::vector<Rates> &rates,
                                       const std::vector<std::string> &names, std::size_t first, std::size_t last) {
    std::vector<OptionResult> results(rates.size());
    for (std::size_t i = first; i < last; ++i) {
        const auto &c = caseload[i];
        check_case(c);
        int64_t baseline = 0;
        for (std::size_t o = 0; o < rates.size(); ++o) {
            int64_t charge = 0;
            try {
                charge = assess(c, rates[o], false, true).charge;
            } catch (const Error &e) {
                throw Error(e.kind(), "option '" + names[o] + "', case '" + c.id + "': " + e.what());
            }
            auto &r = results[o];
            r.weekly_income += charge;
            r.payers += charge > 0;
            r.nil += charge == 0;
            if (o == 0) {
                baseline = charge;
                continue;
            }
            ++r.by_change[change_band(charge - baseline)];
            r.new_payers += baseline == 0 && charge > 0;
            r.no_longer_paying += baseline > 0 && charge == 0;
        }
    }
    return results;
}

void add(OptionResult &to, const OptionResult &part) {
    to.weekly_income += part.weekly_income;
    to.payers += part.payers;
    to.nil += part.nil;
    to.new_payers += part.new_payers;
    to.no_longer_paying += part.no_longer_paying;
    for (std::size_t b = 0; b < to.by_change.size(); ++b) to.by_change[b] += part.by_change[b];
}

} // namespace

OptionsFile read_options(std::string_view text, const std::string &path) {
    YAML::Node root;
    try {
        root = YAML::Load(std::string(text));
    } catch (const YAML::Exception &e) {
        throw input_error(path + ", line " + std::to_string(e.mark.line + 1) + ": not valid YAML: " + e.msg);
    }
    const auto fail = [&](const YAML::Node &node, const std::string &what) {
        throw input_error(path + ", line " + std::to_string(node.Mark().line + 1) + ": " + what);
    };
    if (!root.IsMap() || !root["name"] || !root["date"] || !root["options"] || !root["options"].IsSequence())
        fail(root, "an options file is a mapping with 'name', 'date' and a list of 'options'");
    OptionsFile f;
    f.name = root["name"].Scalar();
    const auto date = parse_date(root["date"].Scalar());
    if (!date) fail(root["date"], "'date' must be a date such as 2025-06-01");
    f.date = *date;
    if (const auto weeks = root["weeks_per_year"]) {
        const auto w = WeeksPerYear::parse(weeks.Scalar());
        if (!w) fail(weeks, "'weeks_per_year' must be 52, 52.14, 52.143 or 365/7");
        f.weeks = *w;
    }
    for (const auto &o : root["options"]) {
        if (!o["name"] || !o["set"] || !o["set"].IsMap()) fail(o, "each option needs a 'name' and the parameters it 'set's");
        PolicyOption option{o["name"].Scalar(), {}};
        for (const auto &s : o["set"]) option.set[s.first.Scalar()] = s.second.Scalar();
        f.options.push_back(std::move(option));
    }
    return f;
}

OptionsFile read_options_file(const std::string &path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw input_error(path + ": cannot open the options file");
    std::ostringstream text;
    text << in.rdbuf();
    return read_options(text.str(), path);
}

Simulation simulate(const std::vector<FinancialCase> &caseload, const ParameterSet &parameters, const OptionsFile &options) {
    Simulation s;
    s.options = options;
    s.parameter_sources = parameters.sources();
    s.cases = static_cast<int64_t>(caseload.size());
    // The baseline's parameters, then each option's: the baseline's with its changes from the date.
    std::vector<ParameterSet> sets{parameters};
    std::vector<std::string> names{"Baseline"};
    for (const auto &o : options.options) {
        ParameterSet set = parameters;
        for (const auto &[name, value] : o.set) set.set(name, options.date, value, "option '" + o.name + "'");
        sets.push_back(std::move(set));
        names.push_back(o.name);
    }
    std::vector<Rates> rates;
    for (const auto &set : sets) rates.emplace_back(set, options.date);
    std::vector<OptionResult> results(sets.size());
    for (std::size_t o = 0; o < results.size(); ++o) results[o].name = names[o];
    // The caseload in one slice per core.
    const std::size_t workers = std::max(1u, std::thread::hardware_concurrency());
    const std::size_t slice = (caseload.size() + workers - 1) / workers;
    std::vector<std::future<std::vector<OptionResult>>> running;
    for (std::size_t first = 0; first < caseload.size(); first += slice)
        running.push_back(std::async(std::launch::async, assess_range, std::cref(caseload), std::cref(rates), std::cref(names), first,
                                     std::min(caseload.size(), first + slice)));
    for (auto &r : running) {
        const auto part = r.get();
        for (std::size_t o = 0; o < results.size(); ++o) add(results[o], part[o]);
    }
    s.baseline = std::move(results.front());
    s.results.assign(std::make_move_iterator(results.begin() + 1), std::make_move_iterator(results.end()));
    return s;
}

std::string format_simulation(const Simulation &s) {
    const auto &o = s.options;
    std::string out = fmt::format("{}\nEvery assessment on {}; full year = weekly × {} weeks, rounded half-up once\n", o.name,
                                  o.date.uk(), o.weeks.name);
    for (const auto &src : s.parameter_sources) out += "Parameters: " + src + "\n";
    out += fmt::format("Caseload: {}\n\n", count_of(static_cast<uint64_t>(s.cases), "assessment", "assessments"));
    out += fmt::format("{:<44} {:>13} {:>12} {:>14} {:>8} {:>8} {:>10}\n", "", "weekly income", "change/wk", "change/yr", "paying",
                       "nil", "new payers");
    const auto row = [&](const OptionResult &r, bool is_baseline) {
        const int64_t change = r.weekly_income - s.baseline.weekly_income;
        const Money annual = Money::from_pence(change).times(o.weeks.weeks);
        out += fmt::format("{:<44} {:>13} {:>12} {:>14} {:>8} {:>8} {:>10}\n", r.name.substr(0, 44),
                           format_pence(Money::from_pence(r.weekly_income)), is_baseline ? "" : format_pence(Money::from_pence(change)),
                           is_baseline ? "" : format_pounds(annual), group_thousands(r.payers), group_thousands(r.nil),
                           is_baseline ? "" : group_thousands(r.new_payers));
    };
    row(s.baseline, true);
    for (const auto &r : s.results) row(r, false);
    out += fmt::format("\nPeople by change in weekly charge against the baseline\n{:<44}", "");
    for (auto band : k_change_bands) out += fmt::format(" {:>10}", band);
    out += "\n";
    for (const auto &r : s.results) {
        out += fmt::format("{:<44}", r.name.substr(0, 44));
        for (auto n : r.by_change) out += fmt::format(" {:>10}", group_thousands(n));
        out += "\n";
    }
    return out;
}

} // namespace ascent::charging
