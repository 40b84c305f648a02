// The fixture of the HTTP API tests: a real server on a free loopback port over a small demo
// ledger, driven by an HTTP client as the browser UI drives it.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include <thread>

#include "app/council.hpp"
#include "server/server.hpp"
#include "server/sessions.hpp"
#include "test_support.hpp"

namespace ascent::test {

using nlohmann::json;
constexpr const char *k_password = "a long test password";

struct Signed {
    std::string cookie, csrf;
};

// A server on a free loopback port, serving on its own thread until the object goes.
class Served {
public:
    explicit Served(const server::ServeOptions &options) : server_(options), port_(server_.bind()), thread_([this] { server_.run(); }) {}
    ~Served() {
        server_.stop();
        thread_.join();
    }
    Served(const Served &) = delete;
    Served &operator=(const Served &) = delete;
    int port() const { return port_; }

private:
    server::ApiServer server_;
    int port_;
    std::thread thread_;
};

class Api : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new test::TempDir;
        const auto db = dir_->file("api.db");
        {
            app::Council council(db);
            app::build_demo(council, dir_->file("demo"), {.profile = "bury", .people = 300});
            for (const auto *role : {"viewer", "analyst", "finance", "admin"})
                council.create_user(role, k_password, *app::parse_role(role), "test");
        }
        server::ServeOptions options;
        options.database = db;
        options.port = 0;
        options.national_data = ASCENT_FIXTURES; // its ascof/ folder: Bury and its neighbours
        options.council = "Bury";
        served_ = new Served(options);
        port_ = served_->port();
    }
    static void TearDownTestSuite() {
        delete served_;
        delete dir_;
    }

    httplib::Client client() const { return httplib::Client("127.0.0.1", port_); }

    Signed sign_in(const std::string &name) const {
        auto res = client().Post("/api/v1/session", json{{"name", name}, {"password", k_password}}.dump(), "application/json");
        EXPECT_TRUE(res && res->status == 200) << name;
        const auto cookie = res->get_header_value("Set-Cookie");
        EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
        EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
        return {cookie.substr(0, cookie.find(';')), json::parse(res->body).at("csrf")};
    }

    httplib::Result get(const std::string &path, const Signed &who) const {
        return client().Get(path, {{"Cookie", who.cookie}});
    }
    httplib::Result send(const std::string &method, const std::string &path, const Signed &who, const json &body,
                         bool with_csrf = true) const {
        httplib::Headers headers{{"Cookie", who.cookie}};
        if (with_csrf) headers.emplace("X-CSRF-Token", who.csrf);
        const auto text = body.dump();
        auto c = client();
        if (method == "POST") return c.Post(path, headers, text, "application/json");
        if (method == "PUT") return c.Put(path, headers, text, "application/json");
        if (method == "PATCH") return c.Patch(path, headers, text, "application/json");
        return c.Delete(path, headers, text, "application/json");
    }
    static json error_of(const httplib::Result &res) { return json::parse(res->body).at("error"); }

    // Starts a background job with `body` and waits for it to end; returns the job.
    json run_job(const std::string &path, const Signed &who, const json &body) const {
        auto started = send("POST", path, who, body);
        EXPECT_TRUE(started && started->status == 202) << path << ": " << (started ? started->body : "no reply");
        return wait_for(json::parse(started->body).at("job"), who);
    }
    json wait_for(const std::string &job, const Signed &who) const {
        for (int i = 0; i < 600; ++i) {
            auto j = json::parse(get("/api/v1/jobs/" + job, who)->body);
            if (j.at("state") != "running") return j;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        ADD_FAILURE() << "job " << job << " still running after 30 s";
        return {};
    }
    httplib::Result upload(const Signed &who, const httplib::MultipartFormDataItems &items) const {
        return client().Post("/api/v1/imports", {{"Cookie", who.cookie}, {"X-CSRF-Token", who.csrf}}, items);
    }

    static std::vector<store::AuditEvent> audit() { return app::Council(dir_->file("api.db")).audit_events(); }

    static inline test::TempDir *dir_ = nullptr;
    static inline Served *served_ = nullptr;
    static inline int port_ = 0;
};

} // namespace ascent::test
