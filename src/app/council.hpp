// The application layer: the one API the CLI, HTTP server and tests use.
//
// A Council is one council's ledger database. Its operations are the product's use cases:
// validate and import files (with file hashes, import history and all-or-nothing writes), load
// the ledger, summarise it, and build the demo council. Front ends never touch io/ or store/
// directly.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/accounts.hpp"
#include "core/cohort.hpp"
#include "core/spend_trend.hpp"
#include "core/summary.hpp"
#include "delivery/housing.hpp"
#include "delivery/progression.hpp"
#include "delivery/realised.hpp"
#include "demo/generator.hpp"
#include "io/import_report.hpp"
#include "cases/risk.hpp"
#include "charging/case_file.hpp"
#include "charging/backlog.hpp"
#include "charging/ledger_cases.hpp"
#include "charging/simulation.hpp"
#include "charging/uprating.hpp"
#include "commissioning/tender.hpp"
#include "opportunity/explain.hpp"
#include "store/store.hpp"

namespace ascent::app {

using Progress = std::function<void(std::string_view stage, uint64_t done, uint64_t total)>;

enum class RowPolicy {
    all_or_nothing,   // any error and nothing is written (the default)
    skip_invalid_rows // write the valid rows; rejected rows are listed in the report
};

// How to import a file. A CLD file becomes the current snapshot only if it passes the guards
// (same council, a period no earlier than the current one's, and people, open lines and weekly
// cost within the council's `import.max_change` of the current snapshot's).
struct ImportOptions {
    ImportOptions(RowPolicy row_policy = RowPolicy::all_or_nothing) : policy(row_policy) {} // NOLINT: a policy alone is the common case
    RowPolicy policy;
    std::string accept_change; // the user's reason for accepting a change beyond the threshold (audited)
    bool history = false;      // keep a CLD file as a snapshot without making it current
};

struct ImportOutcome {
    io::ImportReport report;
    bool written = false;
    bool already_imported = false; // the same import (kind, content and mapping by SHA-256) was done before
    bool restored = false;         // the file was a kept snapshot, made current again
    store::ImportRecord record;
    std::string message; // one sentence for the user
};

// What a run's annual figures rest on: weeks a year and the lever catalogue in force, each the
// council's setting (app/settings.cpp) unless the run overrides it (the CLI's --weeks, --rules).
struct Overrides {
    std::optional<WeeksPerYear> weeks;
    std::string rules_file;
};
struct Conventions {
    WeeksPerYear weeks = WeeksPerYear::fifty_two_point_one_four_three();
    std::string weeks_source;  // "council setting", "council setting, default" or "--weeks for this run"
    std::string levers;        // the catalogue: name, version, where it is from, SHA-256
    std::string levers_source; // as weeks_source, or "--rules for this run"
    std::shared_ptr<const opportunity::RuleSet> catalogue; // under these weeks a year
};
// "52.143 weeks a year (council setting); levers: … (…)": on every page, report and export with annual figures.
std::string format_conventions(const Conventions &c);

// A council setting of the ledger.
struct CouncilSetting {
    std::string key, value, description;
    bool is_default = true;
};

// The import history with the CLD snapshot that is current.
struct ImportHistory {
    std::vector<store::ImportRecord> imports;
    int64_t current = 0;
};

struct UprateOutcome {
    charging::Uprating uprating;
    std::vector<charging::FinancialCase> caseload;
    int64_t run_id = 0; // the stored charging run, when applied
};

struct CohortMember {
    std::string person_id;
    Money weekly_cost;
    std::vector<std::pair<std::string, std::string>> values; // field → value, for each field the expression uses
};

struct CohortResult {
    std::string expression;
    Date as_at;
    int64_t people_tested = 0;
    int64_t people = 0;      // everyone selected
    Money weekly_cost;       // Σ of their weekly cost: the spend in scope
    std::size_t offset = 0;  // members are everyone selected from this place, highest weekly cost first
    std::vector<CohortMember> members;
};

// Which of a cohort's people to list: `limit` of them from `offset` (by weekly cost, highest first).
struct CohortPage {
    std::size_t offset = 0;
    std::size_t limit = SIZE_MAX;
};

// One run of the opportunity finder, with the ledger and facts its explanations read.
struct Analysis {
    std::unique_ptr<Ledger> ledger;
    std::unique_ptr<PersonFacts> facts;
    std::unique_ptr<FactTable> table;
    const opportunity::RuleSet *rules = nullptr;
    opportunity::Opportunities found;
    Conventions conventions; // holds the catalogue `rules` points to, when the council's settings chose it

    std::string_view person_id(uint32_t person) const { return ledger->people.id.at(person + 1); }
    const opportunity::LeverResult *lever_result(std::string_view lever_id) const;
    // The ledger's summary on this analysis's date, under its weeks a year.
    LedgerSummary summary() const { return summarise(*ledger, found.as_at, conventions.weeks); }
    // The weekly spend at each of the last `months` month ends (the last is the ledger's date).
    std::vector<TrendPoint> trend(int months) const { return spend_trend(*ledger, months); }
    // A cohort expression over this analysis's ledger, as at its date, without reading the database.
    CohortResult cohort(const std::string &expression, CohortPage page = {}) const;
};

class LedgerCosts; // each person's weekly cost on a date, from the stored ledger (app/delivery.cpp)

// What `assign_reviews` did, so a manager can follow it.
struct AssignOutcome {
    int64_t assigned = 0;         // new reviews
    int64_t already_assigned = 0; // flagged people with a review for the lever already, left as they are
    int64_t unassigned = 0;       // flagged people still without a review, beyond the limit
    int64_t flagged = 0;          // everyone the lever flags
};
std::string format_assignment(const AssignOutcome &outcome, const std::string &lever, const std::string &reviewer, const std::string &case_id);

class Council {
public:
    explicit Council(const std::string &database_path);

    io::ImportReport validate_cld(const std::string &path, const Progress &progress = {});
    io::ImportReport validate_extract(const std::string &path, const std::string &mapping_path,
                                      const Progress &progress = {});
    // Imports (app/imports.cpp). Validation runs the same checks as an import, guards included.
    ImportOutcome import_cld(const std::string &path, const ImportOptions &options = {}, const Progress &progress = {});
    ImportOutcome import_extract(const std::string &path, const std::string &mapping_path,
                                 const ImportOptions &options = {}, const Progress &progress = {});
    // Makes a kept CLD snapshot current again (audited, one transaction); everything derived from
    // the ledger follows. Throws input_error for an id that is not a kept snapshot.
    ImportOutcome restore_snapshot(int64_t snapshot);

    std::vector<store::ImportRecord> imports() { return store_->imports(); }
    ImportHistory import_history() { return {store_->imports(), store_->current_snapshot()}; }
    // The largest change in people, open lines or weekly cost a new snapshot may make without
    // --accept-change, in basis points (the `import.max_change` setting; default 20%).
    int64_t max_import_change();
    // The council's settings of this ledger, each with its value (or default) and what it means;
    // a change is checked ("25%") and audited. Throws input_error for an unknown key or bad value.
    std::vector<CouncilSetting> settings();
    // weeks_per_year: 52, 52.14, 52.143 or 365/7; levers: a catalogue's YAML text, or "built-in".
    void set_setting(const std::string &key, const std::string &value);
    // Weeks a year for every annual figure (setting weeks_per_year; default 52.143).
    WeeksPerYear weeks_per_year();
    // The conventions in force, with this run's overrides; the catalogue is checked as it is read.
    Conventions conventions(const Overrides &run = {});
    // Checks a lever catalogue (an edited `ascent rules export`) and stores it as the one in force
    // (audited, with its name, version and SHA-256); "built-in" goes back to the built-in catalogue.
    void use_lever_catalogue(const std::string &text, const std::string &source);
    void use_lever_file(const std::string &path);
    std::vector<std::pair<std::string, int64_t>> table_counts() { return store_->table_counts(); }
    int schema_version() { return store_->schema_version(); }
    Ledger load_ledger() { return store_->load_ledger(); }
    // Summary as at the ledger's reporting date (or `as_at`), annualised with `weeks`.
    LedgerSummary summary(std::optional<Date> as_at, WeeksPerYear weeks);
    LedgerSummary summary(std::optional<Date> as_at, const Conventions &conventions) { return summary(as_at, conventions.weeks); }
    // The people a cohort expression selects, with the values that selected them.
    CohortResult cohort(const std::string &expression, std::optional<Date> as_at, CohortPage page = {});
    // Runs the levers of `rules` (which must outlive the result) over the ledger.
    std::unique_ptr<Analysis> analyse(const opportunity::RuleSet &rules, std::optional<Date> as_at,
                                      const opportunity::FindOptions &options = {});
    // Runs the lever catalogue in force under the council's weeks a year (or this run's overrides).
    std::unique_ptr<Analysis> analyse(std::optional<Date> as_at, const opportunity::FindOptions &options = {},
                                      const Overrides &run = {});

    // Charging. The parameters are the built-in ones, then the council's files stored in the ledger
    // (in the order loaded), then any `extra_files` for this run only.
    charging::ParameterSet charging_parameters(const std::vector<std::string> &extra_files = {});
    // Checks a council parameter file over the current parameters and stores it in the ledger.
    store::ParameterFile load_parameter_file(const std::string &path);
    std::vector<store::ParameterFile> parameter_files() { return store_->parameter_files(); }
    std::vector<store::ChargingRun> charging_runs() { return store_->charging_runs(); }
    // A ledger person's financial assessment on `on` (default: the ledger's date), explained.
    std::string assess_person(const std::string &person_id, std::optional<Date> on,
                              const std::vector<std::string> &extra_files = {});
    // Every ledger person with financial circumstances and an open service, as of the ledger's date.
    charging::LedgerCaseload charging_caseload(Date on);
    // An options file's policy options over the ledger's caseload on the date, and over the short-term
    // stays of its stays period, each charged for its weeks (charging/ledger_cases.hpp).
    charging::Simulation simulate_charging(const std::string &options_file, const std::vector<std::string> &extra_files = {});
    charging::Simulation simulate_charging(const charging::OptionsFile &options, const std::vector<std::string> &extra_files = {});
    // The overdue financial reassessments in the ledger, and a backlog model (its text) whose
    // `backlog: ledger` takes its cohort from them.
    charging::BacklogCohort overdue_cohort(int overdue_months);
    charging::BacklogFile backlog_model(std::string_view text, const std::string &source);
    // Re-runs every assessment under `to`'s parameters; with `apply`, stores the new charges and the
    // run (who, when, parameters) in one transaction.
    UprateOutcome uprate(FinancialYear to, std::optional<Date> effective, bool apply, const std::string &run_by,
                         const std::vector<std::string> &extra_files = {});

    // Business cases: checks and profiles a case file, then stores it as the case's next version
    // (or nothing if it is the same as the latest); the latest version of every case.
    store::StoredCase import_case(const std::string &path);
    // The same for a case's YAML or JSON text; `source` names it in errors and becomes its file name.
    store::StoredCase save_case(const std::string &text, const std::string &source);
    std::vector<store::StoredCase> stored_cases() { return store_->cases(); }

    // Reviews: assign up to `limit` more of a lever's flagged people, the largest savings first among
    // those with no review for the lever yet (people already assigned are left as they are), each
    // with who pays for their care now; record a decision; the realised savings from the ledger.
    AssignOutcome assign_reviews(const std::string &lever, const std::string &reviewer, std::optional<Date> due, const std::string &case_id,
                                 std::size_t limit);
    // Stores reviews (a person already assigned for the lever is left as it is); a review without a
    // funding baseline gets the person's on the ledger's date. Returns how many were added.
    int64_t add_reviews(std::vector<store::Review> reviews);
    void record_review(const store::Review &decided);
    std::vector<store::Review> reviews() { return store_->reviews(); }
    delivery::Delivery delivery(WeeksPerYear weeks, delivery::RagRule rule = {});
    // Progression plans (app/delivery.cpp), each change audited: a plan for a person in the ledger
    // (checked), a step done, a plan closed as completed or stopped; the cohort view with each
    // person's cost on the ledger since their plan started, and the pathway's sizing.
    int64_t add_plan(const delivery::Plan &plan);
    void mark_step(int64_t plan_id, int seq, Date done, const std::string &note);
    void close_plan(int64_t plan_id, const std::string &status, Date on);
    delivery::Progression progression(WeeksPerYear weeks);
    // Both from one load of the ledger (the board pack shows both).
    std::pair<delivery::Delivery, delivery::Progression> delivery_and_progression(WeeksPerYear weeks, delivery::RagRule rule);
    // A person tested against a housing options matrix at a level of need, beside their cost now.
    delivery::HousingTest housing_test(const delivery::HousingMatrix &matrix, const std::string &person_id, int level);

    // What decided reviews have secured for each case (under its weeks convention), measured on the
    // ledger: the actuals beside a case's plan and inside its risk range. Cases with no decided
    // review are left out.
    cases::SecuredByCase secured(const std::vector<cases::BusinessCase> &cases);

    // The dynamic purchasing system (app/dps.cpp); every change is audited. A provider is admitted to
    // a lot (a kind of care) and a zone ('' for all); a request (its spec is a request file without
    // bids) is advertised to the providers admitted to its lot and zone, who alone may bid; the award
    // evaluates the bids by the spec's weighting within its ceiling (a provider rated inadequate by
    // the CQC is not compliant) and is recorded.
    void dps_admit(const store::DpsAdmission &admission);
    std::vector<std::string> dps_advertise(const store::DpsRequest &request); // the providers it goes to
    void dps_bid(const store::DpsBid &bid);
    commissioning::Evaluation dps_award(const std::string &request_id, Date decided_on);
    std::vector<store::DpsRequest> dps_requests() { return store_->dps().requests(); }
    std::vector<store::DpsAdmission> dps_admissions() { return store_->dps().admissions(); }
    std::vector<store::DpsBid> dps_bids(const std::string &request_id) { return store_->dps().bids(request_id); }
    // The providers admitted to a lot in a zone (or to every zone of it); with no zone, all admitted to the lot.
    std::vector<std::string> dps_eligible(const std::string &lot, const std::string &zone);

    // Users and the audit trail (app/accounts.cpp). Every change to a user is audited as done `by`.
    // A new user's name is 1–64 letters, digits or . _ @ -; a password has k_min_password_length
    // characters or more and is stored only as an Argon2id hash.
    void create_user(const std::string &name, const std::string &password, Role role, const std::string &by);
    // The user if the password is theirs and they are not disabled; audits the attempt either way.
    std::optional<SignedIn> sign_in(const std::string &name, const std::string &password);
    std::vector<store::User> users() { return store_->accounts().users(); }
    void set_role(const std::string &name, Role role, const std::string &by);
    void set_disabled(const std::string &name, bool disabled, const std::string &by);
    void set_password(const std::string &name, const std::string &password, const std::string &by);
    // Who the audited operations (imports, parameter files, cases, reviews, uprating) are recorded
    // as done by: "local:$USER" until a front end says otherwise (the server: the signed-in user).
    void act_as(std::string user) { actor_ = std::move(user); }
    const std::string &actor() const { return actor_; }
    // Appends to the audit trail. Never pass personal data other than a person's id as the target.
    void audit(const std::string &user, std::string_view action, std::string_view target, std::string_view detail = {});
    std::vector<store::AuditEvent> audit_events(int64_t after = 0, std::size_t limit = 1000) {
        return store_->accounts().audit_events(after, limit);
    }

private:
    void check_snapshot(const io::CldBatch &batch, const ImportOptions &options, io::ImportReport &report);
    void report_join(io::ImportReport &report);
    store::User existing_user(const std::string &name);
    void keep_an_admin(const store::User &before, const store::User &after);
    delivery::Delivery delivery_on(const LedgerCosts &costs, WeeksPerYear weeks, delivery::RagRule rule);
    delivery::Progression progression_on(const LedgerCosts &costs, WeeksPerYear weeks);
    // A person's weekly cost and who pays it on the ledger's date (app/delivery.cpp).
    WeeklyFunding funding_now(const std::string &person_id);

    std::string database_path_;
    std::unique_ptr<store::Store> store_;
    std::string actor_;
};

struct DemoResult {
    demo::DemoFiles files;
    std::vector<ImportOutcome> imports;
};

// Generates the demo council's files in `directory` and imports them into `council`.
DemoResult build_demo(Council &council, const std::string &directory, const demo::DemoOptions &options,
                      const Progress &progress = {});

// The summary as plain text for a terminal or a golden file, with the conventions it used.
std::string format_summary(const LedgerSummary &summary, const std::vector<store::ImportRecord> &imports,
                           const Conventions &conventions);
// A cohort as text: the expression, counts and spend, and the first `limit` people with the values
// that put them in it.
std::string format_cohort(const CohortResult &cohort, std::size_t limit);
// The opportunities table: every lever with people, spend in scope and the saving range, strata,
// and totals that reconcile to the ledger.
std::string format_opportunities(const Analysis &analysis);
// One lever's people, highest central saving first (lever_page's order), `limit` of them from
// `offset`, with the values that flagged them.
std::string format_lever_cohort(const Analysis &analysis, std::string_view lever_id, std::size_t limit, std::size_t offset = 0);
// Every lever that flagged one person, with the arithmetic. Throws input_error for an unknown id.
std::string format_explanations(const Analysis &analysis, std::string_view person_id);

struct WorklistOptions {
    std::string pseudonym_key; // non-empty: person ids are replaced by keyed pseudonyms
};
// Writes one lever's people as CSV or XLSX (by the file's extension), sorted by central saving per
// review hour, with explanations. Returns the number of people written.
std::size_t write_worklist(const Analysis &analysis, std::string_view lever_id, const std::string &path,
                           const WorklistOptions &options);

// Assesses the cases in a case file (all, or one id) under the built-in charging parameters and
// any council parameter files, each explained.
std::string assess_case_file(const std::string &case_file, const std::vector<std::string> &parameter_files,
                             const std::string &only_id);
// Runs an options file's policy options over a caseload (a case file), every case on the options' date.
charging::Simulation simulate_charging(const std::string &options_file, const std::string &caseload_file,
                                       const std::vector<std::string> &parameter_files);

// A backlog model file; the ledger at `database_path` is opened only if the model takes its
// cohort from it (`backlog: ledger`).
charging::BacklogFile read_backlog_model(const std::string &model_file, const std::string &database_path);

// Charging results as XLSX, each with an "Income lines" sheet for business cases.
void write_simulation_xlsx(const charging::Simulation &s, const std::string &path);
void write_backlog_xlsx(const charging::BacklogModel &model, const std::vector<charging::BacklogProjection> &projections,
                        const std::string &path);
void write_uprating_xlsx(const UprateOutcome &outcome, WeeksPerYear weeks, const std::string &path);

// The built-in lever catalogue (rules/levers.yaml), to copy and edit; a rules file checked, with its levers.
std::string_view built_in_rules_text();
std::string format_rules_check(const std::string &path);
// Audit events as CSV (id, at, user, action, target, detail), a header line first.
std::string audit_csv(const std::vector<store::AuditEvent> &events);
// The settings as text, one a line.
std::string format_settings(const std::vector<CouncilSetting> &settings);
// The import history as text: every import, each CLD snapshot with its figures, and which is current.
std::string format_imports(const ImportHistory &history);

// A report as text: its issues (at most `max_issues`), counts, notes, format and CLD release.
std::string format_report(const io::ImportReport &report, std::size_t max_issues);
// One import outcome as text: the report's issues and a closing line.
std::string format_outcome(const ImportOutcome &outcome, std::size_t max_issues = 50);

} // namespace ascent::app
