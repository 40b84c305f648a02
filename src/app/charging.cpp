// Charging use cases for the front ends: assess the cases in a file, and simulate policy options
// over a caseload, each under the built-in parameters plus any council parameter files.
#include "app/council.hpp"

#include "core/error.hpp"

namespace ascent::app {

namespace {

// Notes a case file may carry for its readers (tests keep expected results in them).
const std::vector<std::string> k_case_notes = {"cites", "note", "charge", "rule", "error", "nil"};

charging::ParameterSet parameters_with(const std::vector<std::string> &files) {
    auto set = charging::ParameterSet::defaults();
    for (const auto &f : files) set.load_file(f);
    return set;
}

} // namespace

std::string assess_case_file(const std::string &case_file, const std::vector<std::string> &parameter_files, const std::string &only_id) {
    const auto base = parameters_with(parameter_files);
    std::string out;
    bool found = false;
    for (const auto &e : charging::read_case_file(case_file, k_case_notes)) {
        if (!only_id.empty() && e.c.id != only_id) continue;
        found = true;
        auto set = base;
        for (const auto &[name, value] : e.set) set.set(name, e.c.date, value, "case '" + e.c.id + "'");
        const charging::Rates rates(set, e.c.date);
        out += (out.empty() ? "" : "\n") + charging::format_assessment(e.c, rates, charging::assess(e.c, rates, true));
    }
    if (!found) throw input_error(case_file + ": no case" + (only_id.empty() ? "s" : " '" + only_id + "'"));
    return out;
}

charging::Simulation simulate_charging(const std::string &options_file, const std::string &caseload_file,
                                       const std::vector<std::string> &parameter_files) {
    const auto options = charging::read_options_file(options_file);
    std::vector<charging::FinancialCase> caseload;
    for (auto &e : charging::read_case_file(caseload_file, k_case_notes)) {
        if (!e.set.empty()) throw input_error(caseload_file + ": case '" + e.c.id + "' sets parameters; a caseload cannot (put changes in the options file)");
        e.c.date = options.date; // everyone is assessed on the simulation's date
        for (int i = 1; i <= e.count; ++i) {
            caseload.push_back(e.c);
            if (e.count > 1) caseload.back().id += "#" + std::to_string(i);
        }
    }
    return charging::simulate(caseload, parameters_with(parameter_files), options);
}

} // namespace ascent::app
