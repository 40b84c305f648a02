#include <algorithm>
#include <array>
#include <unordered_map>

#include "core/crash_point.hpp"
#include "core/error.hpp"
#include "core/weekly_cost.hpp"
#include "io/code_cache.hpp"
#include "store/sqlite_accounts.hpp"
#include "store/sqlite_dps.hpp"
#include "store/sqlite_progression.hpp"
#include "store/sqlite_reviews.hpp"
#include "store/sqlite_db.hpp"
#include "store/sqlite_snapshots.hpp"
#include "store/sqlite_values.hpp"
#include "store/store.hpp"

namespace ascent::store {

extern const std::vector<std::string_view> k_sqlite_migrations; // generated from schema/sqlite/*.sql

namespace {

// Column names for extract fields in the store (the same as the field, with one exception).
std::string column_for(io::ExtractKind kind, std::string_view field) {
    if (kind == io::ExtractKind::services && field == "weekly_cost") return "stated_weekly_cost";
    if (kind == io::ExtractKind::people && field == "person_id") return "id";
    return std::string(field);
}

std::string_view table_for(io::ExtractKind kind) {
    switch (kind) {
    case io::ExtractKind::people: return "person";
    case io::ExtractKind::services: return "line_extract";
    case io::ExtractKind::changes: return "package_change";
    case io::ExtractKind::direct_payments: return "direct_payment";
    case io::ExtractKind::finances: return "person_finances";
    }
    return "";
}

// For the lifetime of the object: a rollback journal when no other connection has the database
// open, and no foreign-key checks (a bulk write's rows refer only to rows it writes itself, and
// the check was an index probe per row). WAL and checks again afterwards. Set outside the
// transaction: SQLite ignores both pragmas inside one.
class BulkWriteMode {
public:
    explicit BulkWriteMode(Database &db) : db_(db), rollback_journal_(db_.try_journal_mode("DELETE")) {
        db_.exec("PRAGMA foreign_keys=OFF");
    }
    BulkWriteMode(const BulkWriteMode &) = delete;
    BulkWriteMode &operator=(const BulkWriteMode &) = delete;
    ~BulkWriteMode() {
        try {
            db_.exec("PRAGMA foreign_keys=ON");
            if (rollback_journal_) db_.set_journal_mode("WAL");
        } catch (const Error &) {
            // Staying in rollback-journal mode is safe; the next open sets WAL again.
        }
    }

private:
    Database &db_;
    bool rollback_journal_;
};

class SqliteStore final : public Store {
public:
    explicit SqliteStore(const std::string &path) : db_(path) {
        // WAL with synchronous=NORMAL: a committed import survives a crash of ascent; a 256 MiB page
        // cache keeps the person index in memory during large imports; memory-mapped reads (up to
        // SQLite's compiled limit) halve the time to load a large ledger by avoiding read() copies.
        db_.set_journal_mode("WAL");
        db_.exec("PRAGMA synchronous=NORMAL; PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY; "
                 "PRAGMA mmap_size=17179869184;");
        // Migrations that rebuild a table run with foreign-key checks off, as SQLite documents
        // (the pragma is ignored inside a transaction); each is checked before it commits.
        db_.exec("PRAGMA foreign_keys=OFF");
        migrate();
        db_.exec("PRAGMA foreign_keys=ON");
    }

    int schema_version() override { return static_cast<int>(db_.scalar("SELECT MAX(version) FROM schema_version")); }

    AccountStore &accounts() override { return *accounts_; }
    DpsStore &dps() override { return *dps_; }
    ProgressionStore &progression() override { return *progression_; }

    std::optional<ImportRecord> find_import(const std::string &kind, const std::string &content_hash,
                                            const std::string &mapping_hash) override {
        auto s = db_.prepare(k_select_imports + std::string(" WHERE kind = ? AND content_hash = ? AND mapping_hash = COALESCE(?, '') ORDER BY retained DESC, id DESC LIMIT 1"));
        s.bind_all(std::string_view(kind), std::string_view(content_hash), std::string_view(mapping_hash));
        if (!s.step()) return std::nullopt;
        return read_import(s);
    }

    std::vector<ImportRecord> imports() override {
        auto s = db_.prepare(k_select_imports + std::string(" ORDER BY id"));
        std::vector<ImportRecord> out;
        while (s.step()) out.push_back(read_import(s));
        return out;
    }

    int64_t write_cld(const io::CldBatch &batch, ImportRecord record, bool make_current) override {
        // The first snapshot of a large council rewrites most of the database. In WAL mode every
        // page would be written twice (to the log, then to the file at checkpoint); a rollback
        // journal writes it once. Another connection (a running server's) keeps WAL: it is slower,
        // never wrong. The import is one transaction either way.
        BulkWriteMode bulk(db_);
        Transaction tx(db_);
        const int64_t id = insert_import(record);
        const auto written = write_snapshot_rows(db_, batch, id);
        if (make_current) set_current(id);
        finish_import(id, written.people_added + written.lines_added);
        crash_point("snapshot-before-commit");
        tx.commit();
        crash_point("snapshot-after-commit");
        return id;
    }

    int64_t current_snapshot() override {
        const auto value = meta("current_snapshot");
        return value.empty() ? 0 : std::stoll(value);
    }

    void make_current(int64_t snapshot, const AuditEvent &audit) override {
        Transaction tx(db_);
        auto s = db_.prepare("SELECT 1 FROM import_log WHERE id = ? AND kind = 'cld' AND retained = 1");
        s.bind(1, snapshot);
        if (!s.step()) throw input_error("there is no kept CLD snapshot " + std::to_string(snapshot) +
                                         " (`ascent imports` lists them)");
        set_current(snapshot);
        accounts_->append_audit(audit);
        tx.commit();
    }

    int64_t write_extract(const io::ExtractBatch &batch, ImportRecord record) override {
        Transaction tx(db_);
        const int64_t id = insert_import(record);
        const auto &fields = io::extract_fields(batch.kind);
        std::unordered_map<uint64_t, Statement> statements; // by bit mask of fields present
        for (const auto &r : batch.records) {
            uint64_t mask = 0;
            for (const auto &[field, value] : r.values) mask |= 1ULL << field;
            auto it = statements.find(mask);
            if (it == statements.end()) it = statements.emplace(mask, prepare_upsert(batch.kind, r, fields)).first;
            Statement &s = it->second;
            int index = 1;
            for (const auto &[field, value] : r.values) {
                if (const auto *text = std::get_if<std::string>(&value)) s.bind(index, *text);
                else s.bind(index, std::get<int64_t>(value));
                ++index;
            }
            if (batch.kind == io::ExtractKind::services) s.bind(index++, static_cast<int64_t>(r.row));
            if (batch.kind != io::ExtractKind::people) s.bind(index, id);
            s.run();
        }
        if (batch.kind == io::ExtractKind::services) remember_joined_lines(db_, current_snapshot());
        finish_import(id, static_cast<int64_t>(batch.records.size()));
        tx.commit();
        return id;
    }

    int64_t write_charging_run(ChargingRun run, const std::vector<ChargeChange> &changes) override {
        Transaction tx(db_);
        auto r = db_.prepare("INSERT INTO charging_run (kind, description, effective_from, parameters, run_by, run_at, "
                             "cases, changed, weekly_before, weekly_after) "
                             "VALUES (?,?,?,?,?,strftime('%Y-%m-%dT%H:%M:%SZ','now'),?,?,?,?)");
        r.bind_all(std::string_view(run.kind), std::string_view(run.description), run.effective_from.iso(),
                   std::string_view(run.parameters), std::string_view(run.run_by), run.cases, run.changed,
                   run.weekly_before, run.weekly_after);
        r.run();
        const int64_t id = sqlite3_last_insert_rowid(db_.handle());
        auto change = db_.prepare("INSERT INTO charging_run_change VALUES (?,?,?,?)");
        auto update = db_.prepare("UPDATE person_finances SET current_charge = ?, current_charge_from = ? WHERE person_id = ?");
        for (const auto &c : changes) {
            change.bind(1, id);
            change.bind(2, c.person_id);
            bind_optional(change, 3, c.old_charge, k_no_money);
            change.bind(4, c.new_charge);
            change.run();
            update.bind(1, c.new_charge);
            update.bind(2, run.effective_from.iso());
            update.bind(3, c.person_id);
            update.run();
        }
        tx.commit();
        return id;
    }

    std::vector<ChargingRun> charging_runs() override {
        auto s = db_.prepare("SELECT id, kind, description, effective_from, parameters, run_by, run_at, cases, changed, "
                             "weekly_before, weekly_after FROM charging_run ORDER BY id");
        std::vector<ChargingRun> out;
        while (s.step())
            out.push_back({s.integer(0), std::string(s.text(1)), std::string(s.text(2)),
                           Date::from_serial(serial_or_none(s.text(3))), std::string(s.text(4)), std::string(s.text(5)),
                           std::string(s.text(6)), s.integer(7), s.integer(8), s.integer(9), s.integer(10)});
        return out;
    }

    int64_t add_parameter_file(const ParameterFile &file) override {
        auto s = db_.prepare("INSERT INTO parameter_file (file_name, sha256, content, loaded_at) "
                             "VALUES (?,?,?,strftime('%Y-%m-%dT%H:%M:%SZ','now'))");
        s.bind(1, file.file_name);
        s.bind(2, file.sha256);
        s.bind(3, file.content);
        s.run();
        return sqlite3_last_insert_rowid(db_.handle());
    }

    std::vector<ParameterFile> parameter_files() override {
        auto s = db_.prepare("SELECT id, file_name, sha256, content, loaded_at FROM parameter_file ORDER BY id");
        std::vector<ParameterFile> out;
        while (s.step())
            out.push_back({s.integer(0), std::string(s.text(1)), std::string(s.text(2)), std::string(s.text(3)),
                           std::string(s.text(4))});
        return out;
    }

    int64_t add_case(const StoredCase &c) override {
        Transaction tx(db_);
        auto last = db_.prepare("SELECT version, sha256 FROM business_case WHERE id = ? ORDER BY version DESC LIMIT 1");
        last.bind(1, std::string_view(c.id));
        const int64_t latest = last.step() ? last.integer(0) : 0;
        if (latest > 0 && last.text(1) == c.sha256) return latest;
        auto s = db_.prepare("INSERT INTO business_case (id, version, title, status, file_name, sha256, content, stored_at) "
                             "VALUES (?,?,?,?,?,?,?,strftime('%Y-%m-%dT%H:%M:%SZ','now'))");
        s.bind_all(std::string_view(c.id), latest + 1, std::string_view(c.title), std::string_view(c.status), std::string_view(c.file_name),
                   std::string_view(c.sha256), std::string_view(c.content));
        s.run();
        tx.commit();
        return latest + 1;
    }

    std::vector<StoredCase> cases() override {
        auto s = db_.prepare("SELECT id, version, title, status, file_name, sha256, content, stored_at FROM business_case b "
                             "WHERE version = (SELECT MAX(version) FROM business_case WHERE id = b.id) ORDER BY id");
        std::vector<StoredCase> out;
        while (s.step())
            out.push_back({std::string(s.text(0)), s.integer(1), std::string(s.text(2)), std::string(s.text(3)),
                           std::string(s.text(4)), std::string(s.text(5)), std::string(s.text(6)), std::string(s.text(7))});
        return out;
    }

    int64_t add_reviews(const std::vector<Review> &reviews) override {
        Transaction tx(db_);
        int64_t added = 0;
        for (const auto &r : reviews) added += insert_review(db_, r);
        tx.commit();
        return added;
    }

    bool record_review(const Review &r) override {
        Transaction tx(db_);
        auto s = db_.prepare("UPDATE review SET decided_on = ?, outcome = ?, effective_from = ?, reason = ?, recorded_by = ?, hours = ? "
                             "WHERE person_id = ? AND lever = ?");
        s.bind_all(std::string_view(r.decided_on), std::string_view(r.outcome), std::string_view(r.effective_from), std::string_view(r.reason),
                   std::string_view(r.recorded_by));
        if (r.hours) s.bind(6, *r.hours);
        else s.bind_null(6);
        s.bind(7, std::string_view(r.person_id));
        s.bind(8, std::string_view(r.lever));
        s.run();
        const bool found = sqlite3_changes(db_.handle()) > 0;
        tx.commit();
        return found;
    }

    std::vector<Review> reviews() override {
        auto s = db_.prepare("SELECT id, person_id, lever, COALESCE(case_id, ''), reviewer, assigned_on, due_on, COALESCE(decided_on, ''), "
                             "COALESCE(outcome, ''), COALESCE(effective_from, ''), COALESCE(reason, ''), COALESCE(recorded_by, ''), hours, "
                             "baseline_gross, baseline_council_bp, baseline_contribution, expected_weekly FROM review ORDER BY id");
        std::vector<Review> out;
        while (s.step()) {
            Review r;
            r.id = s.integer(0);
            std::string *fields[] = {&r.person_id, &r.lever, &r.case_id, &r.reviewer, &r.assigned_on, &r.due_on, &r.decided_on,
                                     &r.outcome, &r.effective_from, &r.reason, &r.recorded_by};
            for (int i = 0; i < 11; ++i) *fields[i] = std::string(s.text(i + 1));
            if (!s.is_null(12)) r.hours = s.integer(12);
            if (!s.is_null(13)) r.baseline = WeeklyFunding{s.integer(13), s.integer(14), s.integer(15)};
            if (!s.is_null(16)) r.expected_weekly = s.integer(16);
            out.push_back(std::move(r));
        }
        return out;
    }

    std::string setting(const std::string &key) override { return meta("setting." + key); }

    void set_setting(const std::string &key, const std::string &value, const AuditEvent &audit) override {
        Transaction tx(db_);
        set_meta("setting." + key, value);
        accounts_->append_audit(audit);
        tx.commit();
    }

    std::vector<ExtractLine> extract_lines() override { return read_extract_lines(db_); }

    Ledger load_ledger() override {
        Ledger ledger = read_snapshot(db_, current_snapshot());
        if (auto as_at = parse_date(meta("as_at"))) ledger.as_at = *as_at;
        return ledger;
    }

    bool has_person(const std::string &person_id) override {
        auto s = db_.prepare("SELECT 1 FROM person_cld WHERE person_id = ?1 AND import_id <= ?2 AND "
                             "(last_snapshot IS NULL OR last_snapshot >= ?2)");
        s.bind(1, std::string_view(person_id));
        s.bind(2, current_snapshot());
        return s.step();
    }

    std::vector<std::pair<std::string, int64_t>> table_counts() override {
        std::vector<std::pair<std::string, int64_t>> out;
        for (const char *table : {"person", "person_cld", "service_line", "line_extract", "package_change", "direct_payment",
                                  "person_finances", "charging_run", "review", "import_log"})
            out.emplace_back(table, db_.scalar(std::string("SELECT COUNT(*) FROM ") + table));
        return out;
    }

private:
    static constexpr const char *k_select_imports =
        "SELECT id, kind, file_name, content_hash, source, format, release, la_code, period_start, period_end, "
        "rows_read, rows_rejected, errors, warnings, records_written, imported_at, mapping_hash, people, open_lines, "
        "weekly_cost, retained, change_reason FROM import_log";

    // One IMMEDIATE transaction for the whole upgrade, with the version read inside it: two
    // processes opening a new ledger at once must not both apply the same migration.
    void migrate() {
        Transaction tx(db_);
        db_.exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
        const int current = schema_version();
        const int latest = static_cast<int>(k_sqlite_migrations.size());
        if (current > latest)
            throw storage_error("the ledger database has schema version " + std::to_string(current) +
                                ", newer than this ascent understands (" + std::to_string(latest) + ")");
        for (int v = current + 1; v <= latest; ++v) {
            db_.exec(k_sqlite_migrations[static_cast<std::size_t>(v - 1)]);
            auto s = db_.prepare("INSERT INTO schema_version VALUES (?, strftime('%Y-%m-%dT%H:%M:%SZ','now'))");
            s.bind(1, v);
            s.run();
        }
        auto broken = db_.prepare("PRAGMA foreign_key_check");
        if (broken.step())
            throw storage_error("the ledger database's upgrade to schema version " + std::to_string(latest) +
                                " left a row of " + std::string(broken.text(0)) + " without its " +
                                std::string(broken.text(2)) + " row; nothing was changed");
        tx.commit();
    }

    Statement prepare_upsert(io::ExtractKind kind, const io::ExtractRecord &r, const std::vector<io::FieldSpec> &fields) {
        std::string columns, placeholders, updates, conflict;
        for (const auto &[field, value] : r.values) {
            const auto column = column_for(kind, fields[field].name);
            columns += column + ", ";
            placeholders += "?, ";
            if (fields[field].key) conflict += (conflict.empty() ? "" : ", ") + column;
            else updates += column + " = excluded." + column + ", ";
        }
        if (kind == io::ExtractKind::people) {
            // People carry no extract import id: their import link is to the CLD file.
            std::string sql = "INSERT INTO person (" + columns.substr(0, columns.size() - 2) + ") VALUES (" +
                              placeholders.substr(0, placeholders.size() - 2) + ") ON CONFLICT(id) DO ";
            sql += updates.empty() ? "NOTHING" : "UPDATE SET " + updates.substr(0, updates.size() - 2);
            return db_.prepare(sql);
        }
        // A service row keeps the row it came from, so a report can name a row that joins no line.
        if (kind == io::ExtractKind::services) {
            columns += "source_row, ";
            placeholders += "?, ";
            updates += "source_row = excluded.source_row, ";
        }
        return db_.prepare("INSERT INTO " + std::string(table_for(kind)) + " (" + columns + "import_id) VALUES (" +
                           placeholders + "?) ON CONFLICT(" + conflict + ") DO UPDATE SET " + updates +
                           "import_id = excluded.import_id");
    }

    int64_t insert_import(const ImportRecord &r) {
        auto s = db_.prepare(
            "INSERT INTO import_log (kind, file_name, content_hash, source, format, release, la_code, period_start, "
            "period_end, rows_read, rows_rejected, errors, warnings, records_written, imported_at, mapping_hash, people, "
            "open_lines, weekly_cost, change_reason) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,0,strftime('%Y-%m-%dT%H:%M:%SZ','now'),COALESCE(?, ''),?,?,?,?)"); // empty text binds NULL
        const auto text = [](const std::string &value) { return std::string_view(value); };
        s.bind_all(text(r.kind), text(r.file_name), text(r.content_hash), text(r.source), text(r.format), text(r.release),
                   text(r.la_code), text(r.period_start), text(r.period_end), static_cast<int64_t>(r.rows_read),
                   static_cast<int64_t>(r.rows_rejected), static_cast<int64_t>(r.errors), static_cast<int64_t>(r.warnings),
                   text(r.mapping_hash));
        int column = 15;
        for (int64_t figure : {r.people, r.open_lines, r.weekly_cost}) bind_optional(s, column++, figure, -1);
        s.bind(column, text(r.change_reason));
        s.run();
        return sqlite3_last_insert_rowid(db_.handle());
    }

    void finish_import(int64_t id, int64_t written) {
        auto s = db_.prepare("UPDATE import_log SET records_written = ? WHERE id = ?");
        s.bind(1, written);
        s.bind(2, id);
        s.run();
    }

    // Sets a ledger fact, or removes it when the value is empty.
    void set_meta(std::string_view key, std::string_view value) {
        auto s = db_.prepare(value.empty() ? "DELETE FROM ledger_meta WHERE key = ?"
                                           : "INSERT INTO ledger_meta VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET "
                                             "value = excluded.value");
        s.bind(1, key);
        if (!value.empty()) s.bind(2, value);
        s.run();
    }

    // The snapshot, its reporting date and council become the ledger's.
    void set_current(int64_t snapshot) {
        auto s = db_.prepare("SELECT la_code, period_end FROM import_log WHERE id = ?");
        s.bind(1, snapshot);
        s.step();
        const std::string la_code(s.text(0)), period_end(s.text(1));
        set_meta("current_snapshot", std::to_string(snapshot));
        set_meta("as_at", period_end);
        set_meta("la_code", la_code);
    }

    std::string meta(std::string_view key) {
        auto s = db_.prepare("SELECT value FROM ledger_meta WHERE key = ?");
        s.bind(1, key);
        return s.step() ? std::string(s.text(0)) : std::string{};
    }

    static ImportRecord read_import(const Statement &s) {
        ImportRecord r;
        r.id = s.integer(0);
        r.kind = s.text(1);
        r.file_name = s.text(2);
        r.content_hash = s.text(3);
        r.source = s.text(4);
        r.format = s.text(5);
        r.release = s.text(6);
        r.la_code = s.text(7);
        r.period_start = s.text(8);
        r.period_end = s.text(9);
        r.rows_read = static_cast<uint64_t>(s.integer(10));
        r.rows_rejected = static_cast<uint64_t>(s.integer(11));
        r.errors = static_cast<uint64_t>(s.integer(12));
        r.warnings = static_cast<uint64_t>(s.integer(13));
        r.records_written = static_cast<uint64_t>(s.integer(14));
        r.imported_at = s.text(15);
        r.mapping_hash = s.text(16);
        for (auto [column, figure] : {std::pair{17, &r.people}, {18, &r.open_lines}, {19, &r.weekly_cost}})
            *figure = s.is_null(column) ? -1 : s.integer(column);
        r.retained = s.integer(20) != 0;
        r.change_reason = s.text(21);
        return r;
    }

    Database db_;
    std::unique_ptr<AccountStore> accounts_ = sqlite_accounts(db_);
    std::unique_ptr<DpsStore> dps_ = sqlite_dps(db_);
    std::unique_ptr<ProgressionStore> progression_ = sqlite_progression(db_);
};

} // namespace

std::unique_ptr<Store> open_sqlite(const std::string &path) { return std::make_unique<SqliteStore>(path); }

} // namespace ascent::store
