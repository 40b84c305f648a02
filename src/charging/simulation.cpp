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

OptionResult run(const std::vector<FinancialCase> &caseload, const ParameterSet &parameters, Date date, const std::string &name) {
    const Rates rates(parameters, date);
    OptionResult r;
    r.name = name;
    r.charges.reserve(caseload.size());
    for (const auto &c : caseload) {
        Assessment a;
        try {
            a = assess(c, rates);
        } catch (const Error &e) {
            throw Error(e.kind(), "option '" + name + "', case '" + c.id + "': " + e.what());
        }
        r.weekly_income += a.charge;
        r.payers += a.charge > 0;
        r.nil += a.nil;
        r.full_cost += a.full_cost;
        r.charges.push_back(a.charge);
    }
    return r;
}

void compare(OptionResult &option, const OptionResult &baseline) {
    for (std::size_t i = 0; i < option.charges.size(); ++i) {
        const int64_t before = baseline.charges[i], after = option.charges[i];
        ++option.by_change[change_band(after - before)];
        option.new_payers += before == 0 && after > 0;
        option.no_longer_paying += before > 0 && after == 0;
    }
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
    // Each option's parameters: the baseline's with the option's changes from the simulation date.
    std::vector<ParameterSet> sets;
    for (const auto &o : options.options) {
        ParameterSet set = parameters;
        for (const auto &[name, value] : o.set) set.set(name, options.date, value, "option '" + o.name + "'");
        sets.push_back(std::move(set));
    }
    auto baseline = std::async(std::launch::async, run, std::cref(caseload), std::cref(parameters), options.date, "Baseline");
    // Options run on the other cores, a few at a time.
    const std::size_t workers = std::max(1u, std::thread::hardware_concurrency());
    s.results.resize(options.options.size());
    for (std::size_t first = 0; first < sets.size(); first += workers) {
        std::vector<std::future<OptionResult>> running;
        for (std::size_t i = first; i < std::min(sets.size(), first + workers); ++i)
            running.push_back(std::async(std::launch::async, run, std::cref(caseload), std::cref(sets[i]), options.date,
                                         std::cref(options.options[i].name)));
        for (std::size_t i = 0; i < running.size(); ++i) s.results[first + i] = running[i].get();
    }
    s.baseline = baseline.get();
    for (auto &r : s.results) compare(r, s.baseline);
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
