#include <algorithm>
#include <array>
#include <unordered_map>

#include "core/error.hpp"
#include "core/weekly_cost.hpp"
#include "io/code_cache.hpp"
#include "store/sqlite_accounts.hpp"
#include "store/sqlite_dps.hpp"
#include "store/sqlite_progression.hpp"
#include "store/sqlite_db.hpp"
#include "store/store.hpp"

namespace ascent::store {

extern const std::vector<std::string_view> k_sqlite_migrations; // generated from schema/sqlite/*.sql

namespace {

// A date's ISO text copied into a caller's buffer, which the statement binds without a copy of
// its own until its next step: a large import writes millions of dates.
using IsoBuffer = std::array<char, 24>;
std::string_view iso(IsoBuffer &buffer, int32_t serial) {
    if (serial == k_no_date) return {};
    return {buffer.data(), Date::from_serial(serial).iso().copy(buffer.data(), buffer.size())};
}

int32_t serial_or_none(std::string_view iso) {
    if (iso.empty()) return k_no_date;
    auto d = parse_date(iso);
    return d ? d->serial() : k_no_date;
}

void bind_optional(Statement &s, int index, int64_t value, int64_t none) {
    if (value == none) s.bind_null(index);
    else s.bind(index, value);
}

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

// For the lifetime of the object: a rollback journal, and no foreign-key checks (a bulk write's
// rows refer only to rows it writes itself, and the check was an index probe per row). WAL and
// checks again afterwards. Set outside the transaction: SQLite ignores both pragmas inside one.
class BulkWriteMode {
public:
    explicit BulkWriteMode(Database &db) : db_(db) {
        db_.set_journal_mode("DELETE");
        db_.exec("PRAGMA foreign_keys=OFF");
    }
    BulkWriteMode(const BulkWriteMode &) = delete;
    BulkWriteMode &operator=(const BulkWriteMode &) = delete;
    ~BulkWriteMode() {
        try {
            db_.exec("PRAGMA foreign_keys=ON");
            db_.set_journal_mode("WAL");
        } catch (const Error &) {
            // Staying in rollback-journal mode is safe; the next open sets WAL again.
        }
    }

private:
    Database &db_;
};

template <typename Enum, typename Parse> Enum named_or_default(std::string_view text, Parse parse) {
    if (text.empty()) return Enum{};
    return parse(text).value_or(Enum{});
}

class SqliteStore final : public Store {
public:
    explicit SqliteStore(const std::string &path) : db_(path) {
        // WAL with synchronous=NORMAL: a committed import survives a crash of ascent; a 256 MiB page
        // cache keeps the person index in memory during large imports; memory-mapped reads (up to
        // SQLite's compiled limit) halve the time to load a large ledger by avoiding read() copies.
        db_.set_journal_mode("WAL");
        db_.exec("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
                 "PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY; PRAGMA mmap_size=17179869184;");
        migrate();
    }

    int schema_version() override { return static_cast<int>(db_.scalar("SELECT MAX(version) FROM schema_version")); }

    AccountStore &accounts() override { return *accounts_; }
    DpsStore &dps() override { return *dps_; }
    ProgressionStore &progression() override { return *progression_; }

    std::optional<ImportRecord> find_import(const std::string &content_hash) override {
        auto s = db_.prepare(k_select_imports + std::string(" WHERE content_hash = ?"));
        s.bind(1, content_hash);
        if (!s.step()) return std::nullopt;
        return read_import(s);
    }

    std::vector<ImportRecord> imports() override {
        auto s = db_.prepare(k_select_imports + std::string(" ORDER BY id"));
        std::vector<ImportRecord> out;
        while (s.step()) out.push_back(read_import(s));
        return out;
    }

    int64_t write_cld(const io::CldBatch &batch, ImportRecord record) override {
        // A CLD snapshot rewrites most of the database. In WAL mode every page would be written
        // twice (to the log, then to the file at checkpoint); a rollback journal writes it once
        // and keeps only the pages the import changes. The import is still one transaction.
        BulkWriteMode bulk(db_);
        Transaction tx(db_);
        const int64_t id = insert_import(record);
        db_.exec("DELETE FROM service_line");
        const Ledger &l = batch.ledger;
        std::array<IsoBuffer, 4> dates;
        auto person = db_.prepare(
            "INSERT INTO person (id, nhs_number, date_of_birth, date_of_death, gender, ethnicity, client_type, "
            "support_reason, postcode, accommodation, employment, funding_status, has_carer, last_review, "
            "last_financial_assessment, cld_import_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
            "ON CONFLICT(id) DO UPDATE SET nhs_number=excluded.nhs_number, date_of_birth=excluded.date_of_birth, "
            "date_of_death=excluded.date_of_death, gender=excluded.gender, ethnicity=excluded.ethnicity, "
            "client_type=excluded.client_type, support_reason=excluded.support_reason, postcode=excluded.postcode, "
            "accommodation=excluded.accommodation, employment=excluded.employment, "
            "funding_status=excluded.funding_status, has_carer=excluded.has_carer, "
            "last_review=COALESCE(excluded.last_review, person.last_review), "
            "last_financial_assessment=COALESCE(excluded.last_financial_assessment, person.last_financial_assessment), "
            "cld_import_id=excluded.cld_import_id");
        const auto &p = l.people;
        for (std::size_t i = 0; i < p.size(); ++i) {
            person.bind(1, p.id.at(static_cast<uint32_t>(i + 1)));
            bind_optional(person, 2, p.nhs_number[i], 0);
            person.bind(3, iso(dates[0], p.birth[i]));
            person.bind(4, iso(dates[1], p.death[i]));
            person.bind(5, code_label(CodeField::gender, p.gender[i]));
            person.bind(6, code_label(CodeField::ethnicity, p.ethnicity[i]));
            person.bind(7, code_label(CodeField::client_type, p.client_type[i]));
            person.bind(8, code_label(CodeField::support_reason, p.support_reason[i]));
            person.bind(9, l.text.at(p.postcode[i]));
            person.bind(10, code_label(CodeField::accommodation, p.accommodation[i]));
            person.bind(11, code_label(CodeField::employment, p.employment[i]));
            person.bind(12, code_label(CodeField::funding_status, p.funding_status[i]));
            person.bind(13, code_label(CodeField::yes_no, p.has_carer[i]));
            person.bind(14, iso(dates[2], p.last_review[i]));
            person.bind(15, iso(dates[3], p.last_financial_assessment[i]));
            person.bind(16, id);
            person.run();
        }
        auto line = db_.prepare(
            "INSERT INTO service_line (person_id, line_ref, service_type, service_component, delivery_mechanism, "
            "provider_name, cqc_location_id, unit_cost, cost_frequency, planned_units, weekly_cost, start_date, "
            "end_date, import_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        const auto &s = l.lines;
        for (std::size_t i = 0; i < s.size(); ++i) {
            line.bind(1, p.id.at(s.person[i] + 1));
            line.bind(2, s.ref.at(i));
            line.bind(3, code_label(CodeField::service_type, s.service_type[i]));
            line.bind(4, code_label(CodeField::service_component, s.component[i]));
            line.bind(5, code_label(CodeField::delivery_mechanism, s.delivery[i]));
            line.bind(6, l.text.at(s.provider[i]));
            line.bind(7, l.text.at(s.cqc_location[i]));
            bind_optional(line, 8, s.unit_cost[i], k_no_money);
            line.bind(9, code_label(CodeField::cost_frequency, s.frequency[i]));
            bind_optional(line, 10, s.planned_units[i], k_no_quantity);
            line.bind(11, s.weekly_cost[i]);
            line.bind(12, iso(dates[0], s.start[i]));
            line.bind(13, iso(dates[1], s.end[i]));
            line.bind(14, id);
            line.run();
        }
        set_meta("as_at", batch.period_end ? batch.period_end->iso() : std::string{});
        set_meta("la_code", batch.la_code);
        finish_import(id, static_cast<int64_t>(p.size() + s.size()));
        tx.commit();
        return id;
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
            if (batch.kind != io::ExtractKind::people) s.bind(index, id);
            s.run();
        }
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
        auto s = db_.prepare("INSERT OR IGNORE INTO review (person_id, lever, case_id, reviewer, assigned_on, due_on) VALUES (?,?,?,?,?,?)");
        int64_t added = 0;
        for (const auto &r : reviews) {
            s.bind_all(std::string_view(r.person_id), std::string_view(r.lever), std::string_view(r.case_id), std::string_view(r.reviewer),
                       std::string_view(r.assigned_on), std::string_view(r.due_on));
            s.run();
            added += sqlite3_changes(db_.handle());
        }
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
                             "COALESCE(outcome, ''), COALESCE(effective_from, ''), COALESCE(reason, ''), COALESCE(recorded_by, ''), hours "
                             "FROM review ORDER BY id");
        std::vector<Review> out;
        while (s.step()) {
            Review r;
            r.id = s.integer(0);
            std::string *fields[] = {&r.person_id, &r.lever, &r.case_id, &r.reviewer, &r.assigned_on, &r.due_on, &r.decided_on,
                                     &r.outcome, &r.effective_from, &r.reason, &r.recorded_by};
            for (int i = 0; i < 11; ++i) *fields[i] = std::string(s.text(i + 1));
            if (!s.is_null(12)) r.hours = s.integer(12);
            out.push_back(std::move(r));
        }
        return out;
    }

    Ledger load_ledger() override;

    bool has_person(const std::string &person_id) override {
        auto s = db_.prepare("SELECT 1 FROM person WHERE id = ?");
        s.bind(1, std::string_view(person_id));
        return s.step();
    }

    std::vector<std::pair<std::string, int64_t>> table_counts() override {
        std::vector<std::pair<std::string, int64_t>> out;
        for (const char *table : {"person", "service_line", "line_extract", "package_change", "direct_payment",
                                  "person_finances", "charging_run", "review", "import_log"})
            out.emplace_back(table, db_.scalar(std::string("SELECT COUNT(*) FROM ") + table));
        return out;
    }

private:
    static constexpr const char *k_select_imports =
        "SELECT id, kind, file_name, content_hash, source, format, release, la_code, period_start, period_end, "
        "rows_read, rows_rejected, errors, warnings, records_written, imported_at FROM import_log";

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
        return db_.prepare("INSERT INTO " + std::string(table_for(kind)) + " (" + columns + "import_id) VALUES (" +
                           placeholders + "?) ON CONFLICT(" + conflict + ") DO UPDATE SET " + updates +
                           "import_id = excluded.import_id");
    }

    int64_t insert_import(const ImportRecord &r) {
        auto s = db_.prepare(
            "INSERT INTO import_log (kind, file_name, content_hash, source, format, release, la_code, period_start, "
            "period_end, rows_read, rows_rejected, errors, warnings, records_written, imported_at) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,0,strftime('%Y-%m-%dT%H:%M:%SZ','now'))");
        const auto text = [](const std::string &value) { return std::string_view(value); };
        s.bind_all(text(r.kind), text(r.file_name), text(r.content_hash), text(r.source), text(r.format), text(r.release),
                   text(r.la_code), text(r.period_start), text(r.period_end), static_cast<int64_t>(r.rows_read),
                   static_cast<int64_t>(r.rows_rejected), static_cast<int64_t>(r.errors), static_cast<int64_t>(r.warnings));
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
        return r;
    }

    Database db_;
    std::unique_ptr<AccountStore> accounts_ = sqlite_accounts(db_);
    std::unique_ptr<DpsStore> dps_ = sqlite_dps(db_);
    std::unique_ptr<ProgressionStore> progression_ = sqlite_progression(db_);
};

Ledger SqliteStore::load_ledger() {
    Ledger ledger;
    if (auto as_at = parse_date(meta("as_at"))) ledger.as_at = *as_at;
    auto &p = ledger.people;
    auto &text = ledger.text;
    // Exact sizes up front: no column regrows (and copies) while loading millions of rows.
    const auto people_rows = static_cast<std::size_t>(db_.scalar("SELECT COUNT(*) FROM person"));
    ledger.reserve(people_rows, static_cast<std::size_t>(db_.scalar("SELECT COUNT(*) FROM service_line") +
                                                         db_.scalar("SELECT COUNT(*) FROM line_extract")));
    io::CodeCache gender{CodeField::gender}, ethnicity{CodeField::ethnicity}, client_type{CodeField::client_type},
        support_reason{CodeField::support_reason}, accommodation{CodeField::accommodation},
        employment{CodeField::employment}, funding{CodeField::funding_status}, yes_no{CodeField::yes_no},
        service_type{CodeField::service_type}, component{CodeField::service_component},
        delivery{CodeField::delivery_mechanism}, frequency{CodeField::cost_frequency};
    auto code = [](io::CodeCache &cache, std::string_view value) -> Code {
        if (value.empty()) return 0;
        auto m = cache.match(value);
        return m ? m->code : 0;
    };
    auto optional_int = [](const Statement &s, int column, int64_t none) { return s.is_null(column) ? none : s.integer(column); };

    auto people = db_.prepare(
        "SELECT id, nhs_number, date_of_birth, date_of_death, gender, ethnicity, client_type, support_reason, postcode, "
        "accommodation, employment, funding_status, has_carer, team, placing_authority, location, out_of_area, "
        "distance_km, s117_status, s117_start, s117_end, chc_status, benefit, benefit_rate, appointee, last_review, "
        "last_financial_assessment FROM person ORDER BY rowid");
    while (people.step()) {
        const uint32_t i = p.append(people.text(0));
        p.nhs_number[i] = optional_int(people, 1, 0);
        p.birth[i] = serial_or_none(people.text(2));
        p.death[i] = serial_or_none(people.text(3));
        p.gender[i] = code(gender, people.text(4));
        p.ethnicity[i] = code(ethnicity, people.text(5));
        p.client_type[i] = code(client_type, people.text(6));
        p.support_reason[i] = code(support_reason, people.text(7));
        p.postcode[i] = text.intern(people.text(8));
        p.accommodation[i] = code(accommodation, people.text(9));
        p.employment[i] = code(employment, people.text(10));
        p.funding_status[i] = code(funding, people.text(11));
        p.has_carer[i] = code(yes_no, people.text(12));
        p.team[i] = text.intern(people.text(13));
        p.placing_authority[i] = text.intern(people.text(14));
        p.location[i] = text.intern(people.text(15));
        p.out_of_area[i] = static_cast<int8_t>(optional_int(people, 16, -1));
        p.distance_km[i] = static_cast<int32_t>(optional_int(people, 17, k_no_quantity));
        p.s117[i] = named_or_default<S117Status>(people.text(18), parse_s117);
        p.s117_start[i] = serial_or_none(people.text(19));
        p.s117_end[i] = serial_or_none(people.text(20));
        p.chc[i] = named_or_default<ChcStatus>(people.text(21), parse_chc);
        p.benefit[i] = named_or_default<Benefit>(people.text(22), parse_benefit);
        p.benefit_rate[i] = named_or_default<BenefitRate>(people.text(23), parse_benefit_rate);
        p.appointee[i] = static_cast<int8_t>(optional_int(people, 24, -1));
        p.last_review[i] = serial_or_none(people.text(25));
        p.last_financial_assessment[i] = serial_or_none(people.text(26));
    }

    // Extract line data, keyed by person and line reference, applied to CLD lines as they load.
    struct ExtractLine {
        std::string service_type, component, delivery, provider, cqc_location, frequency, start, end, night;
        std::optional<int64_t> unit_cost, planned_units, stated_weekly_cost, staff_ratio, chc_share, s117_share,
            other_council_share, client_contribution, accommodation_cost;
        bool used = false; // matched a CLD line
    };
    std::unordered_map<std::string, ExtractLine> extract;
    std::vector<std::string> extract_order;
    auto extracts = db_.prepare(
        "SELECT person_id, line_ref, service_type, service_component, delivery_mechanism, provider_name, "
        "cqc_location_id, cost_frequency, start_date, end_date, night_support, unit_cost, planned_units, "
        "stated_weekly_cost, staff_ratio, chc_share, s117_share, other_council_share, client_contribution, "
        "accommodation_cost FROM line_extract ORDER BY rowid");
    auto number = [&](int column) {
        return extracts.is_null(column) ? std::nullopt : std::optional<int64_t>(extracts.integer(column));
    };
    while (extracts.step()) {
        ExtractLine e{std::string(extracts.text(2)), std::string(extracts.text(3)), std::string(extracts.text(4)),
                      std::string(extracts.text(5)), std::string(extracts.text(6)), std::string(extracts.text(7)),
                      std::string(extracts.text(8)), std::string(extracts.text(9)), std::string(extracts.text(10)),
                      number(11), number(12), number(13), number(14), number(15), number(16), number(17),
                      number(18), number(19)};
        std::string key = std::string(extracts.text(0)) + '\x1f' + std::string(extracts.text(1));
        extract_order.push_back(key);
        extract.emplace(std::move(key), std::move(e));
    }
    auto &l = ledger.lines;
    // Enrichment fields every extract line can set on a line (CLD or its own).
    auto enrich = [&](std::size_t i, const ExtractLine &e) {
        if (!e.provider.empty() && l.provider[i] == 0) l.provider[i] = text.intern(e.provider);
        if (!e.cqc_location.empty() && l.cqc_location[i] == 0) l.cqc_location[i] = text.intern(e.cqc_location);
        if (!e.night.empty()) l.night[i] = named_or_default<NightSupport>(e.night, parse_night_support);
        if (e.staff_ratio) l.staff_ratio[i] = static_cast<uint8_t>(*e.staff_ratio);
        if (e.chc_share) l.chc_share[i] = static_cast<uint16_t>(*e.chc_share);
        if (e.s117_share) l.s117_share[i] = static_cast<uint16_t>(*e.s117_share);
        if (e.other_council_share) l.other_council_share[i] = static_cast<uint16_t>(*e.other_council_share);
        if (e.client_contribution) l.client_contribution[i] = *e.client_contribution;
        if (e.accommodation_cost) l.accommodation_cost[i] = *e.accommodation_cost;
    };

    auto lines = db_.prepare(
        "SELECT person_id, line_ref, service_type, service_component, delivery_mechanism, provider_name, "
        "cqc_location_id, unit_cost, cost_frequency, planned_units, weekly_cost, start_date, end_date "
        "FROM service_line ORDER BY id");
    std::string key;
    std::string last_id;        // lines of one person are adjacent: skip the id lookup for them
    uint32_t last_person = 0;
    while (lines.step()) {
        if (lines.text(0) != last_id) {
            last_id.assign(lines.text(0));
            last_person = p.append(last_id);
        }
        const uint32_t person = last_person;
        const std::size_t i = l.append(person, LineSource::cld, lines.text(1));
        l.service_type[i] = code(service_type, lines.text(2));
        l.component[i] = code(component, lines.text(3));
        l.delivery[i] = code(delivery, lines.text(4));
        l.provider[i] = text.intern(lines.text(5));
        l.cqc_location[i] = text.intern(lines.text(6));
        l.unit_cost[i] = optional_int(lines, 7, k_no_money);
        l.frequency[i] = code(frequency, lines.text(8));
        l.planned_units[i] = static_cast<int32_t>(optional_int(lines, 9, k_no_quantity));
        l.weekly_cost[i] = lines.integer(10);
        l.start[i] = serial_or_none(lines.text(11));
        l.end[i] = serial_or_none(lines.text(12));
        if (extract.empty() || lines.is_null(1)) continue;
        key.assign(lines.text(0));
        key.push_back('\x1f');
        key.append(lines.text(1));
        if (auto it = extract.find(key); it != extract.end()) {
            enrich(i, it->second);
            it->second.used = true;
        }
    }
    // Extract lines with no CLD line are lines of their own.
    for (const auto &k : extract_order) {
        const ExtractLine &e = extract.at(k);
        if (e.used) continue;
        const auto split = k.find('\x1f');
        const std::size_t i = l.append(p.append(std::string_view(k).substr(0, split)), LineSource::extract,
                                       std::string_view(k).substr(split + 1));
        l.service_type[i] = code(service_type, e.service_type);
        l.component[i] = code(component, e.component);
        l.delivery[i] = code(delivery, e.delivery);
        l.frequency[i] = code(frequency, e.frequency);
        l.start[i] = serial_or_none(e.start);
        l.end[i] = serial_or_none(e.end);
        l.unit_cost[i] = e.unit_cost.value_or(k_no_money);
        l.planned_units[i] = e.planned_units ? static_cast<int32_t>(*e.planned_units) : k_no_quantity;
        // Costed from the unit cost where it can be; otherwise the stated weekly cost as given.
        const auto derived =
            e.unit_cost ? weekly_cost(Money::from_pence(*e.unit_cost), l.frequency[i], l.planned_units[i]) : std::nullopt;
        l.weekly_cost[i] = derived ? derived->pence() : e.stated_weekly_cost.value_or(0);
        enrich(i, e);
    }

    auto changes = db_.prepare("SELECT person_id, line_ref, effective_date, old_weekly_cost, new_weekly_cost, reason "
                               "FROM package_change ORDER BY person_id, effective_date");
    auto &c = ledger.changes;
    while (changes.step()) {
        c.person.push_back(p.append(changes.text(0)));
        c.ref.push_back(text.intern(changes.text(1)));
        c.effective.push_back(serial_or_none(changes.text(2)));
        c.old_weekly.push_back(optional_int(changes, 3, k_no_money));
        c.new_weekly.push_back(optional_int(changes, 4, k_no_money));
        c.reason.push_back(text.intern(changes.text(5)));
    }
    auto payments = db_.prepare("SELECT person_id, audit_date, paid, spent, balance FROM direct_payment ORDER BY rowid");
    auto &d = ledger.direct_payments;
    while (payments.step()) {
        d.person.push_back(p.append(payments.text(0)));
        d.audit_date.push_back(serial_or_none(payments.text(1)));
        d.paid.push_back(optional_int(payments, 2, k_no_money));
        d.spent.push_back(optional_int(payments, 3, k_no_money));
        d.balance.push_back(optional_int(payments, 4, k_no_money));
    }
    auto finances = db_.prepare(
        "SELECT person_id, assessed_on, current_charge_from, pension_age, couple, lone_parent, disability_premium, "
        "enhanced_disability_premium, carer_premium, light_touch, children, capital, joint_capital, state_pension, "
        "pension_credit, other_pension, benefits, other_income, earnings, mobility, housing_costs, dre_itemised, "
        "current_charge FROM person_finances ORDER BY rowid");
    while (finances.step()) {
        FinanceRecord f;
        f.person = p.append(finances.text(0));
        f.assessed_on = serial_or_none(finances.text(1));
        f.charge_from = serial_or_none(finances.text(2));
        f.pension_age = static_cast<int8_t>(optional_int(finances, 3, -1));
        for (auto [column, flag] : {std::pair{4, &f.couple}, {5, &f.lone_parent}, {9, &f.light_touch}})
            *flag = optional_int(finances, column, 0) != 0;
        for (auto [column, flag] : {std::pair{6, &f.disability_premium}, {7, &f.enhanced_disability_premium}, {8, &f.carer_premium}})
            *flag = static_cast<int8_t>(optional_int(finances, column, -1));
        f.children = static_cast<int32_t>(optional_int(finances, 10, 0));
        int column = 11;
        for (int64_t *amount : {&f.capital, &f.joint_capital, &f.state_pension, &f.pension_credit, &f.other_pension,
                                &f.benefits, &f.other_income, &f.earnings, &f.mobility, &f.housing_costs})
            *amount = optional_int(finances, column++, 0);
        f.dre_itemised = optional_int(finances, 21, k_no_money);
        f.current_charge = optional_int(finances, 22, k_no_money);
        ledger.finances.push_back(f);
    }
    std::sort(ledger.finances.begin(), ledger.finances.end(),
              [](const FinanceRecord &a, const FinanceRecord &b) { return a.person < b.person; });
    ledger.shrink_to_fit(); // only the small tables (changes, payments) and dictionaries have slack
    return ledger;
}

} // namespace

std::unique_ptr<Store> open_sqlite(const std::string &path) { return std::make_unique<SqliteStore>(path); }

} // namespace ascent::store
