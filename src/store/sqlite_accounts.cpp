#include "store/sqlite_accounts.hpp"

namespace ascent::store {

namespace {

User read_user(const Statement &s) {
    return {std::string(s.text(0)), std::string(s.text(1)), std::string(s.text(2)), std::string(s.text(4)),
            s.integer(3) != 0};
}

class SqliteAccounts final : public AccountStore {
public:
    explicit SqliteAccounts(Database &db) : db_(db) {}

    bool add_user(const User &u) override {
        auto s = db_.prepare("INSERT OR IGNORE INTO app_user (name, role, password_hash, disabled, created_at) "
                             "VALUES (?,?,?,?,strftime('%Y-%m-%dT%H:%M:%SZ','now'))");
        s.bind_all(std::string_view(u.name), std::string_view(u.role), std::string_view(u.password_hash),
                   int64_t{u.disabled});
        s.run();
        return sqlite3_changes(db_.handle()) == 1;
    }

    std::optional<User> find_user(const std::string &name) override {
        auto s = db_.prepare(std::string(k_select) + " WHERE name = ?");
        s.bind(1, std::string_view(name));
        if (!s.step()) return std::nullopt;
        return read_user(s);
    }

    std::vector<User> users() override {
        auto s = db_.prepare(std::string(k_select) + " ORDER BY name");
        std::vector<User> out;
        while (s.step()) out.push_back(read_user(s));
        return out;
    }

    bool update_user(const User &u) override {
        auto s = db_.prepare("UPDATE app_user SET role = ?, password_hash = ?, disabled = ? WHERE name = ?");
        s.bind_all(std::string_view(u.role), std::string_view(u.password_hash), int64_t{u.disabled},
                   std::string_view(u.name));
        s.run();
        return sqlite3_changes(db_.handle()) == 1;
    }

    int64_t append_audit(const AuditEvent &e) override {
        auto s = db_.prepare("INSERT INTO audit_log (at, user, action, target, detail) "
                             "VALUES (strftime('%Y-%m-%dT%H:%M:%fZ','now'),?,?,?,COALESCE(?, ''))"); // empty text binds NULL
        s.bind_all(std::string_view(e.user), std::string_view(e.action), std::string_view(e.target),
                   std::string_view(e.detail));
        s.run();
        return sqlite3_last_insert_rowid(db_.handle());
    }

    std::vector<AuditEvent> audit_events(int64_t after, std::size_t limit) override {
        auto s = db_.prepare("SELECT id, at, user, action, target, detail FROM audit_log WHERE id > ? ORDER BY id LIMIT ?");
        s.bind_all(after, static_cast<int64_t>(limit));
        std::vector<AuditEvent> out;
        while (s.step())
            out.push_back({s.integer(0), std::string(s.text(1)), std::string(s.text(2)), std::string(s.text(3)),
                           std::string(s.text(4)), std::string(s.text(5))});
        return out;
    }

private:
    static constexpr const char *k_select = "SELECT name, role, password_hash, disabled, created_at FROM app_user";
    Database &db_;
};

} // namespace

std::unique_ptr<AccountStore> sqlite_accounts(Database &db) { return std::make_unique<SqliteAccounts>(db); }

} // namespace ascent::store
