// Persistence of the care ledger behind one interface.
//
// SQLite is the embedded default; a PostgreSQL backend can implement the same interface (see
// docs/architecture.md). Every write of an import happens in one transaction: if anything fails,
// nothing already stored changes. Each import is recorded with the SHA-256 of the file's content
// (and of an extract's mapping), so the same import twice changes nothing.
//
// Every CLD import is a snapshot that is kept; one of them is current, and the ledger is the
// current snapshot with the extract data joined to it. Restoring a snapshot makes it current.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/extract_join.hpp"
#include "core/ledger.hpp"
#include "core/weekly_funding.hpp"
#include "delivery/progression.hpp"
#include "io/cld_import.hpp"
#include "io/extract_import.hpp"

namespace ascent::store {

struct ImportRecord {
    int64_t id = 0;
    std::string kind;          // "cld" or an extract kind
    std::string file_name;     // base name only
    std::string content_hash;  // SHA-256 hex of the file's bytes
    std::string mapping_hash;  // SHA-256 hex of an extract's mapping file; empty for CLD
    std::string source;        // source system (extracts)
    std::string format;        // what the reader found
    std::string release;       // CLD release
    std::string la_code;
    std::string period_start, period_end; // ISO dates, CLD only
    uint64_t rows_read = 0, rows_rejected = 0, errors = 0, warnings = 0;
    uint64_t records_written = 0;
    std::string imported_at;   // ISO timestamp, UTC
    // CLD snapshots: people, lines open at the period's end and their weekly cost (pence), as the
    // file gave them; -1 when not known (imported before snapshots were kept).
    int64_t people = -1, open_lines = -1, weekly_cost = -1;
    bool retained = true;      // false: imported before snapshots were kept, so it cannot be restored
    std::string change_reason; // why a user accepted a large change
};

// A charging run that changed people's charges (annual uprating), for the audit record.
struct ChargingRun {
    int64_t id = 0;
    std::string kind, description;
    Date effective_from;
    std::string parameters;    // the parameter files used
    std::string run_by, run_at; // run_at: ISO timestamp, UTC, set by the store
    int64_t cases = 0, changed = 0, weekly_before = 0, weekly_after = 0;
};

struct ChargeChange {
    std::string person_id;
    int64_t old_charge = k_no_money, new_charge = 0; // pence a week
};

// A review: a flagged person assigned to a reviewer, and (once decided) the outcome and the date
// the change takes effect. Dates are ISO text; empty until decided.
struct Review {
    int64_t id = 0;
    std::string person_id, lever, case_id, reviewer, assigned_on, due_on, decided_on, outcome, effective_from, reason, recorded_by;
    std::optional<int64_t> hours; // hundredths of an hour the review took, when recorded
    std::optional<WeeklyFunding> baseline; // who paid when assigned
    std::optional<int64_t> expected_weekly; // pence a week the decision expects the package to cost (a DPS award's price) (reviews assigned before baselines were kept have none)
};

struct ParameterFile {
    int64_t id = 0;
    std::string file_name, sha256, content, loaded_at;
};

// A business case as imported: its YAML and where it came from. Each import of changed content is
// a new version.
struct StoredCase {
    std::string id;
    int64_t version = 0;
    std::string title, status, file_name, sha256, content, stored_at;
};

// A person who signs in to the server. The role is checked by the application layer.
struct User {
    std::string name, role, password_hash, created_at;
    bool disabled = false;
};

// One line of the append-only audit trail: who did what to which thing, and when (UTC, set by the store).
struct AuditEvent {
    int64_t id = 0;
    std::string at, user, action, target, detail;
};

// Users and the audit trail, kept in the ledger database beside the data they guard.
class AccountStore {
public:
    virtual ~AccountStore() = default;
    virtual bool add_user(const User &user) = 0; // false if the name is taken
    virtual std::optional<User> find_user(const std::string &name) = 0;
    virtual std::vector<User> users() = 0;
    virtual bool update_user(const User &user) = 0; // role, password hash and disabled; false if unknown
    virtual int64_t append_audit(const AuditEvent &event) = 0;
    // Events with id > `after`, oldest first, at most `limit`.
    virtual std::vector<AuditEvent> audit_events(int64_t after, std::size_t limit) = 0;
};

// The dynamic purchasing system's register (migration 0006).
struct DpsAdmission {
    std::string provider, cqc_rating, lot, zone, admitted_on;
    std::optional<int64_t> rate;
};
struct DpsBid {
    std::string request_id, provider, answers, submitted_on;
    int64_t price = 0;
    bool withdrawn = false;
};
struct DpsRequest {
    std::string id, lot, zone, person_id, spec, advertised_on, status, decided_on, awarded_provider;
    std::optional<int64_t> awarded_price;
    std::string case_id; // the business case the placement delivers, if any
};

class DpsStore {
public:
    virtual ~DpsStore() = default;
    // Adds the provider if new (its rating updated if given) and its admission to a lot and zone; one transaction.
    virtual void admit(const DpsAdmission &admission) = 0;
    virtual std::vector<DpsAdmission> admissions() = 0;
    virtual bool add_request(const DpsRequest &request) = 0; // false if the id is taken
    virtual std::optional<DpsRequest> find_request(const std::string &id) = 0;
    virtual std::vector<DpsRequest> requests() = 0;
    virtual void put_bid(const DpsBid &bid) = 0;             // a provider's bid replaces its earlier one
    virtual std::vector<DpsBid> bids(const std::string &request_id) = 0;
    // Records the request's outcome and, for an award to a person, `delivery`: the award as a decided
    // review (see app/dps.cpp); one transaction.
    virtual void decide(const std::string &request_id, const std::string &status, const std::string &decided_on,
                        const std::string &provider, std::optional<int64_t> price, const std::optional<Review> &delivery) = 0;
};

// Progression plans and their steps (migration 0007).
class ProgressionStore {
public:
    virtual ~ProgressionStore() = default;
    // Stores a plan with its steps in one transaction; returns its id.
    virtual int64_t add_plan(const delivery::Plan &plan, const std::string &by) = 0;
    virtual std::vector<delivery::Plan> plans() = 0; // by id
    // Marks step `seq` (1, 2, …) of an active plan done; false if there is no such step.
    virtual bool mark_step(int64_t plan_id, int seq, Date done, const std::string &note) = 0;
    // Closes an active plan as completed or stopped; false if there is no such active plan.
    virtual bool close_plan(int64_t plan_id, const std::string &status, Date on) = 0;
};

class Store {
public:
    virtual ~Store() = default;
    virtual int schema_version() = 0;
    // The import of this content (with this mapping, for an extract) of this kind, if there was one.
    virtual std::optional<ImportRecord> find_import(const std::string &kind, const std::string &content_hash,
                                                    const std::string &mapping_hash) = 0;
    virtual std::vector<ImportRecord> imports() = 0;
    // Stores the batch as a new CLD snapshot (the people and lines that did not change since the
    // latest snapshot are shared with it, not copied) and, with `make_current`, makes it the
    // ledger's current snapshot; one transaction. Returns the import id.
    virtual int64_t write_cld(const io::CldBatch &batch, ImportRecord record, bool make_current) = 0;
    // The current snapshot's import id; 0 if no CLD file was imported.
    virtual int64_t current_snapshot() = 0;
    // Makes a kept CLD snapshot current; one transaction, with `audit` appended in it. Throws
    // input_error if `snapshot` is not a kept CLD snapshot.
    virtual void make_current(int64_t snapshot, const AuditEvent &audit) = 0;
    // Merges extract records (only the fields the extract has); one transaction.
    virtual int64_t write_extract(const io::ExtractBatch &batch, ImportRecord record) = 0;
    // Records a charging run and sets each person's current charge from its date; one transaction.
    virtual int64_t write_charging_run(ChargingRun run, const std::vector<ChargeChange> &changes) = 0;
    virtual std::vector<ChargingRun> charging_runs() = 0;
    // The council's charging parameter files, in the order they apply.
    virtual int64_t add_parameter_file(const ParameterFile &file) = 0;
    virtual std::vector<ParameterFile> parameter_files() = 0;
    // Stores a case as its next version (unless the latest has the same SHA-256); returns the version.
    virtual int64_t add_case(const StoredCase &c) = 0;
    // The latest version of every case, by id.
    virtual std::vector<StoredCase> cases() = 0;
    // Reviews: assign (a person already assigned for the lever is left as it is; returns how many
    // were added), record an outcome, and list them all.
    virtual int64_t add_reviews(const std::vector<Review> &reviews) = 0;
    virtual bool record_review(const Review &decided) = 0; // by person and lever; false if not assigned
    virtual std::vector<Review> reviews() = 0;
    virtual AccountStore &accounts() = 0;
    virtual DpsStore &dps() = 0;
    virtual ProgressionStore &progression() = 0;
    // A council setting ("" if never set) and its change, audited in the same transaction.
    virtual std::string setting(const std::string &key) = 0;
    virtual void set_setting(const std::string &key, const std::string &value, const AuditEvent &audit) = 0;
    // The extract's service rows, in the order stored (core/extract_join.hpp joins them to lines).
    virtual std::vector<ExtractLine> extract_lines() = 0;
    // The current snapshot, with the extract data joined to it.
    virtual Ledger load_ledger() = 0;
    // Whether the current snapshot holds this person.
    virtual bool has_person(const std::string &person_id) = 0;
    // Rows in each ledger table, for summaries and tests.
    virtual std::vector<std::pair<std::string, int64_t>> table_counts() = 0;
};

// Opens (creating if needed) a SQLite ledger and brings its schema up to date.
std::unique_ptr<Store> open_sqlite(const std::string &path);

} // namespace ascent::store
