#include "store/sqlite_progression.hpp"

#include <map>

namespace ascent::store {

namespace {

Date date_of(std::string_view iso) { return parse_date(iso).value_or(Date{}); }

class SqliteProgression final : public ProgressionStore {
public:
    explicit SqliteProgression(Database &db) : db_(db) {}

    int64_t add_plan(const delivery::Plan &p, const std::string &by) override {
        Transaction tx(db_);
        auto s = db_.prepare("INSERT INTO progression_plan (person_id, goal, expected_change, expected_saving, started_on, target_on, "
                             "case_id, created_by) VALUES (?, ?, COALESCE(?, ''), ?, ?, ?, COALESCE(?, ''), ?)");
        s.bind_all(std::string_view(p.person_id), std::string_view(p.goal), std::string_view(p.expected_change), p.expected_saving,
                   p.started.iso(), p.target.iso(), std::string_view(p.case_id), std::string_view(by));
        s.run();
        const int64_t id = sqlite3_last_insert_rowid(db_.handle());
        auto step = db_.prepare("INSERT INTO progression_step (plan_id, seq, what, due_on, supported_by) VALUES (?, ?, ?, ?, COALESCE(?, ''))");
        int64_t seq = 0;
        for (const auto &st : p.steps) {
            step.bind_all(id, ++seq, std::string_view(st.what), st.due.iso(), std::string_view(st.supported_by));
            step.run();
        }
        tx.commit();
        return id;
    }

    std::vector<delivery::Plan> plans() override {
        std::vector<delivery::Plan> out;
        std::map<int64_t, std::size_t> index;
        auto s = db_.prepare("SELECT id, person_id, goal, expected_change, expected_saving, started_on, target_on, case_id, status, "
                             "COALESCE(closed_on, '') FROM progression_plan ORDER BY id");
        while (s.step()) {
            delivery::Plan p;
            p.id = s.integer(0);
            p.person_id = s.text(1);
            p.goal = s.text(2);
            p.expected_change = s.text(3);
            p.expected_saving = s.integer(4);
            p.started = date_of(s.text(5));
            p.target = date_of(s.text(6));
            p.case_id = s.text(7);
            p.status = s.text(8);
            if (!s.text(9).empty()) p.closed = date_of(s.text(9));
            index[p.id] = out.size();
            out.push_back(std::move(p));
        }
        auto st = db_.prepare("SELECT plan_id, what, due_on, supported_by, COALESCE(done_on, ''), note FROM progression_step ORDER BY plan_id, seq");
        while (st.step()) {
            delivery::Step step{std::string(st.text(1)), date_of(st.text(2)), std::string(st.text(3)), std::nullopt, std::string(st.text(5))};
            if (!st.text(4).empty()) step.done = date_of(st.text(4));
            out[index.at(st.integer(0))].steps.push_back(std::move(step));
        }
        return out;
    }

    bool mark_step(int64_t plan_id, int seq, Date done, const std::string &note) override {
        auto s = db_.prepare("UPDATE progression_step SET done_on = ?, note = COALESCE(?, '') WHERE plan_id = ? AND seq = ? AND "
                             "plan_id IN (SELECT id FROM progression_plan WHERE status = 'active')");
        s.bind_all(done.iso(), std::string_view(note), plan_id, int64_t{seq});
        s.run();
        return sqlite3_changes(db_.handle()) == 1;
    }

    bool close_plan(int64_t plan_id, const std::string &status, Date on) override {
        auto s = db_.prepare("UPDATE progression_plan SET status = ?, closed_on = ? WHERE id = ? AND status = 'active'");
        s.bind_all(std::string_view(status), on.iso(), plan_id);
        s.run();
        return sqlite3_changes(db_.handle()) == 1;
    }

private:
    Database &db_;
};

} // namespace

std::unique_ptr<ProgressionStore> sqlite_progression(Database &db) { return std::make_unique<SqliteProgression>(db); }

} // namespace ascent::store
