#include "store/sqlite_db.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <thread>

#include "core/error.hpp"

namespace ascent::store {

namespace {
constexpr std::chrono::milliseconds k_busy_timeout{5000};
}

Statement::Statement(sqlite3 *db, std::string_view sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr) != SQLITE_OK)
        throw storage_error(std::string("cannot prepare statement: ") + sqlite3_errmsg(db));
}

void Statement::bind(int index, int64_t value) { sqlite3_bind_int64(stmt_, index, value); }

void Statement::bind(int index, std::string_view text) {
    if (text.empty()) sqlite3_bind_null(stmt_, index);
    // SQLITE_STATIC: callers keep the text alive until the statement is stepped (Statement::run).
    else sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
}

void Statement::bind_blob(int index, std::string_view bytes) {
    sqlite3_bind_blob(stmt_, index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_STATIC);
}

std::string_view Statement::blob(int column) const {
    const auto *p = sqlite3_column_blob(stmt_, column);
    if (p == nullptr) return {};
    return {static_cast<const char *>(p), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))};
}

void Statement::bind(int index, std::string &&text) {
    if (text.empty()) sqlite3_bind_null(stmt_, index);
    else sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

void Statement::bind_null(int index) { sqlite3_bind_null(stmt_, index); }

bool Statement::step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    const std::string message = sqlite3_errmsg(db_);
    sqlite3_reset(stmt_);
    throw storage_error("database error: " + message);
}

void Statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

std::string_view Statement::text(int column) const {
    const auto *p = sqlite3_column_text(stmt_, column);
    if (p == nullptr) return {};
    return {reinterpret_cast<const char *>(p), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))};
}

Database::Database(const std::string &path) : path_(path) {
    // SQLite counts every allocation under a global mutex unless told not to; ascent never reads
    // the counts. Allowed only before SQLite's first use in the process, so set once, here.
    static const int memstatus_off = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    (void)memstatus_off;
    // NOMUTEX: a Database is used by one thread at a time, so SQLite's per-call connection mutex
    // (Debian builds SQLite serialized) is pure overhead: about a tenth of an import.
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        nullptr) != SQLITE_OK) {
        const std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
        sqlite3_close_v2(db_);
        throw storage_error(path + ": cannot open the ledger database: " + message);
    }
    sqlite3_busy_timeout(db_, static_cast<int>(k_busy_timeout.count()));
}

void Database::set_journal_mode(std::string_view mode) {
    const std::string sql = "PRAGMA journal_mode=" + std::string(mode);
    const auto give_up = std::chrono::steady_clock::now() + k_busy_timeout;
    int rc = SQLITE_OK;
    while ((rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr)) == SQLITE_BUSY &&
           std::chrono::steady_clock::now() < give_up)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    if (rc != SQLITE_OK) throw storage_error(path_ + ": cannot set the journal mode: " + sqlite3_errmsg(db_));
}

bool Database::try_journal_mode(std::string_view mode) {
    const std::string sql = "PRAGMA journal_mode=" + std::string(mode);
    std::string now;
    const auto read_mode = [](void *out, int, char **values, char **) {
        if (values[0] != nullptr) *static_cast<std::string *>(out) = values[0];
        return 0;
    };
    sqlite3_busy_timeout(db_, 0);
    const int rc = sqlite3_exec(db_, sql.c_str(), read_mode, &now, nullptr);
    sqlite3_busy_timeout(db_, static_cast<int>(k_busy_timeout.count()));
    if (rc != SQLITE_OK && rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
        throw storage_error(path_ + ": cannot set the journal mode: " + sqlite3_errmsg(db_));
    return rc == SQLITE_OK && std::equal(now.begin(), now.end(), mode.begin(), mode.end(),
                                         [](char a, char b) { return std::tolower(a) == std::tolower(b); });
}

void Database::exec(std::string_view sql) {
    char *error = nullptr;
    const std::string text(sql);
    if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
        const std::string message = error != nullptr ? error : "unknown error";
        sqlite3_free(error);
        throw storage_error(path_ + ": database error: " + message);
    }
}

int64_t Database::scalar(std::string_view sql) {
    Statement s = prepare(sql);
    return s.step() ? s.integer(0) : 0;
}

Transaction::Transaction(Database &db) : db_(db) {
    const int rc = sqlite3_exec(db_.handle(), "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    if (rc == SQLITE_BUSY)
        throw storage_error(db_.path() + ": another write to this ledger (an import?) has not finished after " +
                            std::to_string(k_busy_timeout.count() / 1000) + " s; nothing was changed. Try again when it has finished.");
    if (rc != SQLITE_OK) throw storage_error(db_.path() + ": cannot start a transaction: " + sqlite3_errmsg(db_.handle()));
}

Transaction::~Transaction() {
    if (!done_) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
    db_.exec("COMMIT");
    done_ = true;
}

} // namespace ascent::store
