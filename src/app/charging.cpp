// Charging use cases for the front ends: assess the cases in a file, and simulate policy options
// over a caseload, each under the built-in parameters plus any council parameter files.
#include "app/council.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <filesystem>

#include "core/error.hpp"
#include "core/person_facts.hpp"
#include "io/digest.hpp"
#include "io/text_file.hpp"

namespace ascent::app {

namespace {

// Notes a case file may carry for its readers (tests keep expected results in them).
const std::vector<std::string> k_case_notes = {"cites", "note", "charge", "rule", "error", "nil"};

charging::ParameterSet parameters_with(const std::vector<std::string> &files) {
    auto set = charging::default_parameters();
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
        for (const auto &[name, value] : e.set) charging::set_parameter(set, name, e.c.date, value, "case '" + e.c.id + "'");
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

charging::ParameterSet Council::charging_parameters(const std::vector<std::string> &extra_files) {
    auto set = charging::default_parameters();
    for (const auto &f : store_->parameter_files()) set.load(f.content, "ledger file " + f.file_name);
    for (const auto &f : extra_files) set.load_file(f);
    return set;
}

store::ParameterFile Council::load_parameter_file(const std::string &path) {
    const auto text = io::read_text_file(path, "the parameters file");
    store::ParameterFile file{0, std::filesystem::path(path).filename().string(), io::sha256_text(text), text, ""};
    charging_parameters().load(file.content, path); // errors name the file and line; nothing is stored
    {
        charging::ParameterSet only;
        only.load(file.content, path);
        if (only.all().count(std::string(charging::k_old_night_parameter)))
            throw input_error(path + ": parameter '" + std::string(charging::k_old_night_parameter) +
                              "' is replaced by one per benefit: set policy.count_night_element.pip, .aa and .dla instead");
    }
    file.id = store_->add_parameter_file(file);
    audit(actor_, "parameters_loaded", file.file_name, "SHA-256 " + file.sha256);
    return file;
}

charging::LedgerCaseload Council::charging_caseload(Date on) {
    const Ledger ledger = store_->load_ledger();
    const PersonFacts facts = person_facts(ledger, ledger.as_at);
    return charging::ledger_caseload(ledger, facts, on);
}

std::string Council::assess_person(const std::string &person_id, std::optional<Date> on,
                                   const std::vector<std::string> &extra_files) {
    const Ledger ledger = store_->load_ledger();
    const auto person = ledger.find_person(person_id);
    if (!person) throw input_error("no person '" + person_id + "' in the ledger");
    const Date date = on.value_or(ledger.as_at);
    const PersonFacts facts = person_facts(ledger, ledger.as_at);
    const auto c = charging::ledger_case(ledger, facts, *person, date);
    if (!c) throw input_error(person_id + " has no financial circumstances in the ledger (import a finances extract)");
    const auto parameters = charging_parameters(extra_files);
    const charging::Rates rates(parameters, date);
    const auto assessment = charging::assess(c->c, rates, true);
    std::string out = charging::format_assessment(c->c, rates, assessment);
    if (c->recorded_charge != k_no_money) {
        out += "Charge being collected: " + format_pence(Money::from_pence(c->recorded_charge));
        out += assessment.charge == c->recorded_charge
                   ? " (the same)\n"
                   : " (differs by " + format_pence(Money::from_pence(assessment.charge - c->recorded_charge)) + " a week)\n";
    }
    return out;
}

namespace {

std::vector<charging::FinancialCase> cases_of(charging::LedgerCaseload &&caseload) {
    std::vector<charging::FinancialCase> out;
    out.reserve(caseload.cases.size());
    for (auto &c : caseload.cases) out.push_back(std::move(c.c));
    return out;
}

} // namespace

charging::Simulation Council::simulate_charging(const std::string &options_file, const std::vector<std::string> &extra_files) {
    return simulate_charging(charging::read_options_file(options_file), extra_files);
}

charging::Simulation Council::simulate_charging(const charging::OptionsFile &options, const std::vector<std::string> &extra_files) {
    const Ledger ledger = store_->load_ledger();
    const PersonFacts facts = person_facts(ledger, ledger.as_at);
    // A stay open on the date is charged for its weeks with the other stays, not as a year's charge.
    auto caseload = cases_of(charging::ledger_caseload(ledger, facts, options.date, true));
    auto found = charging::ledger_stays(ledger, facts, options.stays_from, options.stays_to, options.date);
    charging::StayCaseload stays{found.from, found.to, {}, std::move(found.days), found.people, found.longer,
                                 found.without_finances, found.without_age};
    stays.cases.reserve(found.cases.size());
    for (auto &c : found.cases) stays.cases.push_back(std::move(c.c));
    return charging::simulate(caseload, charging_parameters(extra_files), options, &stays);
}

charging::BacklogCohort Council::overdue_cohort(int overdue_months) {
    const Ledger ledger = store_->load_ledger();
    return charging::overdue_cohort(ledger, person_facts(ledger, ledger.as_at), overdue_months);
}

charging::BacklogFile Council::backlog_model(std::string_view text, const std::string &source) {
    return charging::parse_backlog(text, source, [this](int months) { return overdue_cohort(months); });
}

charging::BacklogFile read_backlog_model(const std::string &model_file, const std::string &database_path) {
    return charging::parse_backlog_file(model_file, [&](int months) { return Council(database_path).overdue_cohort(months); });
}

UprateOutcome Council::uprate(FinancialYear to, std::optional<Date> effective, bool apply, const std::string &run_by,
                              const std::vector<std::string> &extra_files) {
    UprateOutcome out;
    // Cases are built once; the uprating assesses them on both dates.
    out.caseload = cases_of(charging_caseload(to.first_day()));
    const auto parameters = charging_parameters(extra_files);
    out.uprating = charging::uprate(out.caseload, parameters, to, effective);
    if (!apply) return out;
    const auto &u = out.uprating;
    if (!u.carried_forward.empty())
        throw input_error("not applied: " + std::to_string(u.carried_forward.size()) + " yearly figure(s) have no " +
                          to.label() + " value (first: " + u.carried_forward.front() + ")");
    store::ChargingRun run;
    run.kind = "uprate";
    run.description = "uprate to " + to.label();
    run.effective_from = u.effective;
    run.parameters = fmt::format("{}", fmt::join(u.parameter_sources, "; "));
    run.run_by = run_by;
    run.cases = u.total.people;
    run.changed = u.changed();
    run.weekly_before = u.total.weekly_before;
    run.weekly_after = u.total.weekly_after;
    std::vector<store::ChargeChange> changes;
    changes.reserve(u.people.size());
    for (const auto &p : u.people) changes.push_back({out.caseload[p.index].id, p.before, p.after});
    out.run_id = store_->write_charging_run(run, changes);
    audit(actor_, "charges_uprated", to.label(), fmt::format("run {} by {}: {} charges changed", out.run_id, run_by, run.changed));
    return out;
}

} // namespace ascent::app
