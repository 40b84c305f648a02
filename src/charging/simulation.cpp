#include "charging/simulation.hpp"

#include <yaml-cpp/yaml.h>

#include <fmt/format.h>

#include <algorithm>
#include <future>
#include <thread>
#include <unordered_map>

#include "core/annualise.hpp"
#include "core/error.hpp"
#include "core/money.hpp"
#include "io/text_file.hpp"
#include "io/yaml_text.hpp"

namespace ascent::charging {

std::size_t change_band(int64_t change) {
    if (change < 0) return 0;
    if (change == 0) return 1;
    if (change <= 5'00) return 2;
    if (change <= 10'00) return 3;
    if (change <= 20'00) return 4;
    if (change <= 30'00) return 5;
    return 6;
}

namespace {

// Largest change first; a heap with this order keeps the smallest of the kept changes on top.
bool larger_change(std::size_t index_a, int64_t change_a, std::size_t index_b, int64_t change_b) {
    change_a = std::abs(change_a), change_b = std::abs(change_b);
    return change_a > change_b || (change_a == change_b && index_a < index_b);
}

constexpr auto by_larger_change = [](const Affected &a, const Affected &b) {
    return larger_change(a.index, a.after - a.before, b.index, b.after - b.before);
};

// Most changes are smaller than the smallest kept, so that is tested before anything is built.
void keep_largest(std::vector<Affected> &kept, std::size_t index, int64_t before, int64_t after) {
    if (kept.size() == k_affected) {
        const Affected &smallest = kept.front();
        if (!larger_change(index, after - before, smallest.index, smallest.after - smallest.before)) return;
        std::pop_heap(kept.begin(), kept.end(), by_larger_change);
        kept.pop_back();
    }
    kept.push_back({index, before, after, {}});
    std::push_heap(kept.begin(), kept.end(), by_larger_change);
}

struct Run {
    const std::vector<FinancialCase> &caseload;
    const std::vector<Rates> &rates;
    const std::vector<uint64_t> &differs;     // by option: the parameters it changes from the baseline
    const std::vector<std::string> &contexts; // "option 'name'", for errors
    const std::vector<uint32_t> &group_of;
    std::size_t groups;
    const std::vector<int32_t> *weights;      // each case's days (short-term stays); null: 1 each
};

// Assesses cases [first, last) under every set of rates (index 0: the baseline) and tallies each
// option against the baseline. Each case is read once for all options, and no charge is stored.
std::vector<OptionResult> assess_range(const Run &run, std::size_t first, std::size_t last) {
    std::vector<OptionResult> results(run.rates.size());
    for (auto &r : results) r.by_group.resize(run.groups);
    for (std::size_t i = first; i < last; ++i) {
        const auto &c = run.caseload[i];
        const int64_t weight = run.weights ? (*run.weights)[i] : 1;
        check_case(c);
        int64_t baseline = 0;
        uint64_t used = 0; // the parameters the baseline assessment read
        for (std::size_t o = 0; o < run.rates.size(); ++o) {
            // An option that changes nothing the baseline read gives the baseline's charge.
            const int64_t charge = o == 0 ? charge_of(c, run.rates[0], run.contexts[0], &used)
                                   : (run.differs[o] & used) == 0 ? baseline
                                                                  : charge_of(c, run.rates[o], run.contexts[o]);
            auto &r = results[o];
            r.weekly_income += charge * weight;
            r.payers += charge > 0;
            r.nil += charge == 0;
            if (o == 0) {
                baseline = charge;
                r.used |= used;
                continue;
            }
            ++r.by_change[change_band(charge - baseline)];
            r.new_payers += baseline == 0 && charge > 0;
            r.no_longer_paying += baseline > 0 && charge == 0;
            r.by_group[run.group_of[i]].add(baseline * weight, charge * weight);
            if (charge != baseline) keep_largest(r.affected, i, baseline, charge);
        }
    }
    return results;
}

void add(OptionResult &to, const OptionResult &part) {
    to.weekly_income += part.weekly_income;
    to.payers += part.payers;
    to.nil += part.nil;
    to.used |= part.used;
    to.new_payers += part.new_payers;
    to.no_longer_paying += part.no_longer_paying;
    for (std::size_t b = 0; b < to.by_change.size(); ++b) to.by_change[b] += part.by_change[b];
    to.by_group.resize(part.by_group.size());
    for (std::size_t g = 0; g < part.by_group.size(); ++g) to.by_group[g] += part.by_group[g];
    for (const auto &a : part.affected) keep_largest(to.affected, a.index, a.before, a.after);
}

} // namespace

OptionsFile read_options(std::string_view text, const std::string &path) {
    return io::read_yaml(text, path, [&](const YAML::Node &root) {
        const auto fail = [&](const YAML::Node &node, const std::string &what) {
            throw input_error(path + io::line_of(node) + ": " + what);
        };
        if (!root.IsMap() || !root["name"] || !root["date"] || !root["options"] || !root["options"].IsSequence())
            fail(root, "an options file is a mapping with 'name', 'date' and a list of 'options'");
        io::check_keys(root, {"name", "date", "effective", "years", "weeks_per_year", "stays", "options"}, "an options file", path);
        OptionsFile f;
        f.name = root["name"].Scalar();
        const auto date = parse_date(root["date"].Scalar());
        if (!date) fail(root["date"], "'date' must be a date such as 2025-06-01");
        f.date = *date;
        f.effective = f.date;
        if (const auto effective = root["effective"]) {
            const auto e = parse_date(effective.Scalar());
            if (!e) fail(effective, "'effective' must be a date such as 2025-10-01");
            f.effective = *e;
        }
        if (const auto years = root["years"]) {
            f.years = years.as<int>(0);
            if (f.years < 1 || f.years > 10) fail(years, "'years' must be 1 to 10");
        }
        if (const auto weeks = root["weeks_per_year"]) {
            const auto w = WeeksPerYear::parse(weeks.Scalar());
            if (!w) fail(weeks, "'weeks_per_year' must be 52, 52.14, 52.143 or 365/7");
            f.weeks = *w;
        }
        // The stays' period: a financial year, {from, to}, or the 52 weeks to the date.
        f.stays_from = f.date.plus_days(-363);
        f.stays_to = f.date;
        if (const auto stays = root["stays"]) {
            if (stays.IsScalar()) {
                const auto year = FinancialYear::parse(stays.Scalar());
                if (!year) fail(stays, "'stays' must be a financial year such as 2025/26, or {from: DATE, to: DATE}");
                f.stays_from = year->first_day();
                f.stays_to = year->last_day();
            } else {
                const auto from = stays.IsMap() && stays["from"] ? parse_date(stays["from"].Scalar()) : std::nullopt;
                const auto to = stays.IsMap() && stays["to"] ? parse_date(stays["to"].Scalar()) : std::nullopt;
                if (!from || !to || *to < *from || stays.size() != 2)
                    fail(stays, "'stays' must be a financial year such as 2025/26, or {from: DATE, to: DATE} with 'to' not before 'from'");
                f.stays_from = *from;
                f.stays_to = *to;
            }
        }
        for (const auto &o : root["options"]) {
            io::check_keys(o, {"name", "set"}, "an option", path);
            if (!o["name"] || !o["set"] || !o["set"].IsMap()) fail(o, "each option needs a 'name' and the parameters it 'set's");
            PolicyOption option{o["name"].Scalar(), {}};
            for (const auto &s : o["set"]) option.set[s.first.Scalar()] = s.second.Scalar();
            f.options.push_back(std::move(option));
        }
        return f;
    });
}

OptionsFile read_options_file(const std::string &path) {
    return read_options(io::read_text_file(path, "the options file"), path);
}

namespace {

struct Tally {
    std::vector<std::string> groups;          // client groups, sorted
    std::vector<OptionResult> results;        // the baseline, then each option
};

// The baseline and every option over a caseload, in one slice per core.
Tally tally(const std::vector<FinancialCase> &caseload, const std::vector<int32_t> *weights, const std::vector<Rates> &rates,
            const std::vector<uint64_t> &differs, const std::vector<std::string> &names, const std::vector<std::string> &contexts) {
    Tally t;
    // Client groups, sorted, and each case's group: distinct names first (a hash lookup per case),
    // then only those sorted.
    std::vector<uint32_t> group_of(caseload.size());
    std::unordered_map<std::string_view, uint32_t> seen;
    for (std::size_t i = 0; i < caseload.size(); ++i) {
        const std::string_view name = caseload[i].group.empty() ? k_no_group : caseload[i].group;
        group_of[i] = seen.try_emplace(name, static_cast<uint32_t>(seen.size())).first->second;
    }
    for (const auto &[name, index] : seen) t.groups.emplace_back(name);
    std::sort(t.groups.begin(), t.groups.end());
    std::vector<uint32_t> sorted_index(seen.size());
    for (const auto &[name, index] : seen)
        sorted_index[index] = static_cast<uint32_t>(std::lower_bound(t.groups.begin(), t.groups.end(), name) - t.groups.begin());
    for (auto &g : group_of) g = sorted_index[g];
    const Run run{caseload, rates, differs, contexts, group_of, t.groups.size(), weights};
    t.results.resize(rates.size());
    for (std::size_t o = 0; o < t.results.size(); ++o) {
        t.results[o].name = names[o];
        t.results[o].by_group.resize(t.groups.size());
    }
    const std::size_t workers = std::max(1u, std::thread::hardware_concurrency());
    const std::size_t slice = (caseload.size() + workers - 1) / workers;
    std::vector<std::future<std::vector<OptionResult>>> running;
    for (std::size_t first = 0; first < caseload.size(); first += slice)
        running.push_back(std::async(std::launch::async, assess_range, std::cref(run), first,
                                     std::min(caseload.size(), first + slice)));
    for (auto &r : running) {
        const auto part = r.get();
        for (std::size_t o = 0; o < t.results.size(); ++o) add(t.results[o], part[o]);
    }
    for (auto &r : t.results) {
        std::sort(r.affected.begin(), r.affected.end(), by_larger_change);
        for (auto &a : r.affected) a.id = caseload[a.index].id;
    }
    return t;
}

} // namespace

int64_t stay_pence(int64_t pence_days) { return divide_rounded(Int128{pence_days}, 7, RoundingMode::half_up); }

Simulation simulate(const std::vector<FinancialCase> &caseload, const ParameterSet &parameters, const OptionsFile &options,
                    const StayCaseload *stays) {
    Simulation s;
    s.options = options;
    s.parameter_sources = parameters.sources();
    s.cases = static_cast<int64_t>(caseload.size());
    // The baseline's parameters, then each option's: the baseline's with its changes from the date.
    std::vector<ParameterSet> sets{parameters};
    std::vector<std::string> names{"Baseline"};
    for (const auto &o : options.options) {
        ParameterSet set = parameters;
        for (const auto &[name, value] : o.set) set_parameter(set, name, options.date, value, "option '" + o.name + "'");
        sets.push_back(std::move(set));
        names.push_back(o.name);
    }
    std::vector<Rates> rates;
    for (const auto &set : sets) rates.emplace_back(set, options.date);
    std::vector<uint64_t> differs;
    for (const auto &r : rates) differs.push_back(r.differs_from(rates.front()));
    std::vector<std::string> contexts;
    for (const auto &name : names) contexts.push_back("option '" + name + "'");
    auto t = tally(caseload, nullptr, rates, differs, names, contexts);
    s.groups = std::move(t.groups);
    uint64_t used = t.results.front().used;
    s.baseline = std::move(t.results.front());
    s.results.assign(std::make_move_iterator(t.results.begin() + 1), std::make_move_iterator(t.results.end()));
    if (stays) {
        StayResults out{stays->from, stays->to, static_cast<int64_t>(stays->cases.size()), stays->people, 0, stays->longer,
                        stays->without_finances, stays->without_age, {}, {}, {}};
        for (const auto d : stays->days) out.days += d;
        std::vector<std::string> stay_contexts;
        for (const auto &name : names) stay_contexts.push_back(name == "Baseline" ? "short-term stays, baseline" : "short-term stays, option '" + name + "'");
        auto st = tally(stays->cases, &stays->days, rates, differs, names, stay_contexts);
        out.groups = std::move(st.groups);
        used |= st.results.front().used;
        out.baseline = std::move(st.results.front());
        out.results.assign(std::make_move_iterator(st.results.begin() + 1), std::make_move_iterator(st.results.end()));
        s.stays = std::move(out);
    }
    s.carried_forward = carried_forward(parameters, options.date, used);
    return s;
}

std::vector<std::pair<FinancialYear, Money>> income_by_year(const OptionsFile &options, int64_t weekly_change) {
    std::vector<std::pair<FinancialYear, Money>> out;
    FinancialYear year = FinancialYear::containing(options.effective);
    for (int y = 0; y < options.years; ++y, year = year.next())
        out.emplace_back(year, in_year_from_weekly(Money::from_pence(weekly_change), options.weeks, year, options.effective));
    return out;
}

namespace {

// An option's client groups, then the people it affects most.
template <class Format> void groups_and_affected(std::string &out, const OptionResult &r, const std::vector<std::string> &groups,
                                                 std::string_view counted, std::string_view change, std::string_view most,
                                                 const Format &money) {
    out += fmt::format("\n{}: by client group\n{:<52} {:>8} {:>6} {:>6} {:>12}\n", r.name, "", counted, "up", "down", change);
    for (std::size_t g = 0; g < groups.size(); ++g) {
        const auto &t = r.by_group[g];
        out += fmt::format("{:<52} {:>8} {:>6} {:>6} {:>12}\n", groups[g].substr(0, 52), group_thousands(t.people),
                           group_thousands(t.up), group_thousands(t.down), money(t.weekly_after - t.weekly_before));
    }
    if (r.affected.empty()) return;
    out += fmt::format("{}:\n", most);
    const auto weekly = [](int64_t pence) { return format_pence(Money::from_pence(pence)); };
    for (const auto &a : r.affected)
        out += fmt::format("  {:<24} {:>10} → {:>10} ({}{})\n", a.id, weekly(a.before), weekly(a.after),
                           a.after > a.before ? "+" : "", weekly(a.after - a.before));
}

void format_stays(std::string &out, const StayResults &st) {
    const auto stay_money = [](int64_t pence_days) { return format_pence(Money::from_pence(stay_pence(pence_days))); };
    out += fmt::format("\nShort-term stays {} to {}, each charged for its weeks (a week's charge × days ÷ 7, summed exactly, "
                       "rounded half-up once): {} of {} ({} days)\n",
                       st.from.uk(), st.to.uk(), count_of(static_cast<uint64_t>(st.stays), "stay", "stays"),
                       count_of(static_cast<uint64_t>(st.people), "person", "people"), group_thousands(st.days));
    if (st.longer + st.without_finances + st.without_age > 0)
        out += fmt::format("Stays left out: {} longer than 8 weeks (not short-term), {} of people with no financial "
                           "circumstances, {} of people with no date of birth\n",
                           st.longer, st.without_finances, st.without_age);
    out += fmt::format("{:<44} {:>14} {:>14} {:>8} {:>8}\n", "", "stay income", "change", "paying", "nil");
    out += fmt::format("{:<44} {:>14} {:>14} {:>8} {:>8}\n", st.baseline.name, stay_money(st.baseline.weekly_income), "",
                       group_thousands(st.baseline.payers), group_thousands(st.baseline.nil));
    for (const auto &r : st.results)
        out += fmt::format("{:<44} {:>14} {:>14} {:>8} {:>8}\n", r.name.substr(0, 44), stay_money(r.weekly_income),
                           stay_money(r.weekly_income - st.baseline.weekly_income), group_thousands(r.payers), group_thousands(r.nil));
    for (const auto &r : st.results)
        groups_and_affected(out, r, st.groups, "stays", "change", "Stays most affected (a week's charge during the stay)", stay_money);
}

} // namespace

std::string format_simulation(const Simulation &s) {
    const auto &o = s.options;
    const auto money = [](int64_t pence) { return format_pence(Money::from_pence(pence)); };
    std::string out = fmt::format("{}\nEvery assessment on {}; full year = weekly × {} weeks, rounded half-up once\n", o.name,
                                  o.date.uk(), o.weeks.name);
    for (const auto &src : s.parameter_sources) out += "Parameters: " + src + "\n";
    if (!s.carried_forward.empty()) {
        out += fmt::format("WARNING: {} yearly figure(s) have no {} value of their own, so an earlier year's carries forward: ",
                           s.carried_forward.size(), FinancialYear::containing(o.date).label());
        for (std::size_t i = 0; i < s.carried_forward.size(); ++i) out += (i ? "; " : "") + s.carried_forward[i];
        out += ".\n";
    }
    out += fmt::format("Caseload: {}\n\n", count_of(static_cast<uint64_t>(s.cases), "assessment", "assessments"));
    out += fmt::format("{:<44} {:>13} {:>12} {:>14} {:>8} {:>8} {:>10}\n", "", "weekly income", "change/wk", "change/yr", "paying",
                       "nil", "new payers");
    const auto row = [&](const OptionResult &r, bool is_baseline) {
        const int64_t change = r.weekly_income - s.baseline.weekly_income;
        const Money annual = Money::from_pence(change).times(o.weeks.weeks);
        out += fmt::format("{:<44} {:>13} {:>12} {:>14} {:>8} {:>8} {:>10}\n", r.name.substr(0, 44),
                           money(r.weekly_income), is_baseline ? "" : money(change),
                           is_baseline ? "" : format_pounds(annual), group_thousands(r.payers), group_thousands(r.nil),
                           is_baseline ? "" : group_thousands(r.new_payers));
    };
    row(s.baseline, true);
    for (const auto &r : s.results) row(r, false);
    out += fmt::format("\nChange in income by financial year, from {}\n{:<44}", o.effective.uk(), "");
    for (const auto &[year, amount] : income_by_year(o, 0)) out += fmt::format(" {:>12}", year.label());
    out += "\n";
    for (const auto &r : s.results) {
        out += fmt::format("{:<44}", r.name.substr(0, 44));
        for (const auto &[year, amount] : income_by_year(o, r.weekly_income - s.baseline.weekly_income))
            out += fmt::format(" {:>12}", format_pounds(amount));
        out += "\n";
    }
    out += fmt::format("\nPeople by change in weekly charge against the baseline\n{:<44}", "");
    for (auto band : k_change_bands) out += fmt::format(" {:>10}", band);
    out += "\n";
    for (const auto &r : s.results) {
        out += fmt::format("{:<44}", r.name.substr(0, 44));
        for (auto n : r.by_change) out += fmt::format(" {:>10}", group_thousands(n));
        out += "\n";
    }
    for (const auto &r : s.results)
        groups_and_affected(out, r, s.groups, "people", "change/wk", "Most affected (ascent assess explains each)", money);
    if (s.stays) format_stays(out, *s.stays);
    return out;
}

} // namespace ascent::charging
