#include "store/sqlite_dps.hpp"

#include "store/sqlite_reviews.hpp"

namespace ascent::store {

namespace {

constexpr std::string_view k_request_columns =
    "SELECT id, lot, zone, COALESCE(person_id, ''), spec, advertised_on, status, COALESCE(decided_on, ''), "
    "COALESCE(awarded_provider, ''), awarded_price, COALESCE(case_id, '') FROM dps_request";

DpsRequest read_request(const Statement &s) {
    DpsRequest r{std::string(s.text(0)), std::string(s.text(1)), std::string(s.text(2)), std::string(s.text(3)),
                 std::string(s.text(4)), std::string(s.text(5)), std::string(s.text(6)), std::string(s.text(7)),
                 std::string(s.text(8)), std::nullopt, std::string(s.text(10))};
    if (!s.is_null(9)) r.awarded_price = s.integer(9);
    return r;
}

class SqliteDps final : public DpsStore {
public:
    explicit SqliteDps(Database &db) : db_(db) {}

    void admit(const DpsAdmission &a) override {
        Transaction tx(db_);
        auto p = db_.prepare("INSERT INTO dps_provider (name, cqc_rating, admitted_on) VALUES (?, COALESCE(?, ''), ?) "
                             "ON CONFLICT (name) DO UPDATE SET cqc_rating = CASE WHEN excluded.cqc_rating = '' THEN cqc_rating "
                             "ELSE excluded.cqc_rating END");
        p.bind_all(std::string_view(a.provider), std::string_view(a.cqc_rating), std::string_view(a.admitted_on));
        p.run();
        auto s = db_.prepare("INSERT INTO dps_admission (provider, lot, zone, rate) VALUES (?, ?, COALESCE(?, ''), ?) "
                             "ON CONFLICT (provider, lot, zone) DO UPDATE SET rate = excluded.rate");
        s.bind_all(std::string_view(a.provider), std::string_view(a.lot), std::string_view(a.zone));
        if (a.rate) s.bind(4, *a.rate);
        else s.bind_null(4);
        s.run();
        tx.commit();
    }

    std::vector<DpsAdmission> admissions() override {
        auto s = db_.prepare("SELECT a.provider, p.cqc_rating, a.lot, a.zone, p.admitted_on, a.rate FROM dps_admission a "
                             "JOIN dps_provider p ON p.name = a.provider ORDER BY a.lot, a.zone, a.provider");
        std::vector<DpsAdmission> out;
        while (s.step()) {
            out.push_back({std::string(s.text(0)), std::string(s.text(1)), std::string(s.text(2)), std::string(s.text(3)),
                           std::string(s.text(4)), std::nullopt});
            if (!s.is_null(5)) out.back().rate = s.integer(5);
        }
        return out;
    }

    bool add_request(const DpsRequest &r) override {
        auto s = db_.prepare("INSERT OR IGNORE INTO dps_request (id, lot, zone, person_id, spec, advertised_on, status, case_id) "
                             "VALUES (?, ?, COALESCE(?, ''), ?, ?, ?, 'open', NULLIF(?, ''))");
        s.bind_all(std::string_view(r.id), std::string_view(r.lot), std::string_view(r.zone), std::string_view(r.person_id),
                   std::string_view(r.spec), std::string_view(r.advertised_on), std::string_view(r.case_id));
        s.run();
        return sqlite3_changes(db_.handle()) == 1;
    }

    std::optional<DpsRequest> find_request(const std::string &id) override {
        auto s = db_.prepare(std::string(k_request_columns) + " WHERE id = ?");
        s.bind(1, std::string_view(id));
        if (!s.step()) return std::nullopt;
        return read_request(s);
    }

    std::vector<DpsRequest> requests() override {
        auto s = db_.prepare(std::string(k_request_columns) + " ORDER BY advertised_on, id");
        std::vector<DpsRequest> out;
        while (s.step()) out.push_back(read_request(s));
        return out;
    }

    void put_bid(const DpsBid &b) override {
        auto s = db_.prepare("INSERT INTO dps_bid (request_id, provider, price, answers, submitted_on, withdrawn) VALUES (?,?,?,?,?,?) "
                             "ON CONFLICT (request_id, provider) DO UPDATE SET price = excluded.price, answers = excluded.answers, "
                             "submitted_on = excluded.submitted_on, withdrawn = excluded.withdrawn");
        s.bind_all(std::string_view(b.request_id), std::string_view(b.provider), b.price, std::string_view(b.answers),
                   std::string_view(b.submitted_on), int64_t{b.withdrawn});
        s.run();
    }

    std::vector<DpsBid> bids(const std::string &request_id) override {
        auto s = db_.prepare("SELECT request_id, provider, COALESCE(answers, ''), submitted_on, price, withdrawn FROM dps_bid "
                             "WHERE request_id = ? ORDER BY submitted_on, provider");
        s.bind(1, std::string_view(request_id));
        std::vector<DpsBid> out;
        while (s.step())
            out.push_back({std::string(s.text(0)), std::string(s.text(1)), std::string(s.text(2)), std::string(s.text(3)), s.integer(4),
                           s.integer(5) != 0});
        return out;
    }

    void decide(const std::string &request_id, const std::string &status, const std::string &decided_on, const std::string &provider,
                std::optional<int64_t> price, const std::optional<Review> &delivery) override {
        Transaction tx(db_);
        auto s = db_.prepare("UPDATE dps_request SET status = ?, decided_on = ?, awarded_provider = ?, awarded_price = ? WHERE id = ?");
        s.bind_all(std::string_view(status), std::string_view(decided_on), std::string_view(provider));
        if (price) s.bind(4, *price);
        else s.bind_null(4);
        s.bind(5, std::string_view(request_id));
        s.run();
        if (delivery) insert_review(db_, *delivery);
        tx.commit();
    }

private:
    Database &db_;
};

} // namespace

std::unique_ptr<DpsStore> sqlite_dps(Database &db) { return std::make_unique<SqliteDps>(db); }

} // namespace ascent::store
