// A thin RAII layer over the SQLite C API: a connection, prepared statements, transactions.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace ascent::store {

class Statement {
public:
    Statement(sqlite3 *db, std::string_view sql);
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;
    Statement(Statement &&other) noexcept : db_(other.db_), stmt_(other.stmt_) { other.stmt_ = nullptr; }
    ~Statement() { sqlite3_finalize(stmt_); }

    void bind(int index, int64_t value);
    // Text must outlive the next step(); empty text binds NULL. Temporaries go to the copying overload.
    void bind(int index, std::string_view text);
    void bind(int index, std::string &&text);
    void bind_null(int index);
    void bind_blob(int index, std::string_view bytes); // kept alive by the caller, as text is
    // Binds the values to parameters 1, 2, … in order.
    template <typename... Values> void bind_all(Values &&...values) {
        int index = 0;
        (bind(++index, std::forward<Values>(values)), ...);
    }
    // Steps once; true if a row is available.
    bool step();
    void reset();
    void run() {
        step();
        reset();
    }

    bool is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
    int64_t integer(int column) const { return sqlite3_column_int64(stmt_, column); }
    std::string_view text(int column) const;
    std::string_view blob(int column) const;

private:
    sqlite3 *db_;
    sqlite3_stmt *stmt_ = nullptr;
};

// One connection, to be used by one thread at a time.
class Database {
public:
    explicit Database(const std::string &path);
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;
    ~Database() { sqlite3_close_v2(db_); }

    void exec(std::string_view sql);
    // Switches the journal mode (WAL, DELETE…). SQLite does not call the busy handler when another
    // connection is opening the same new file, so this retries for as long as the busy timeout.
    void set_journal_mode(std::string_view mode);
    // One attempt, without waiting: false if another connection holds the database (leaving WAL
    // needs it alone) and the mode stayed as it was.
    bool try_journal_mode(std::string_view mode);
    Statement prepare(std::string_view sql) { return Statement(db_, sql); }
    int64_t scalar(std::string_view sql);
    sqlite3 *handle() { return db_; }
    const std::string &path() const { return path_; }

private:
    sqlite3 *db_ = nullptr;
    std::string path_;
};

// Rolls back unless committed.
class Transaction {
public:
    // Waits up to the busy timeout for another connection's write (an import) to finish, then
    // throws a storage error that says so; nothing is changed.
    explicit Transaction(Database &db);
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;
    ~Transaction();
    void commit();

private:
    Database &db_;
    bool done_ = false;
};

} // namespace ascent::store
