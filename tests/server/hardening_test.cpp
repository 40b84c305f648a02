// The server under attack (issue 23): request smuggling, slow clients, connection caps, sign-in
// limits, password rules, the last admin, the web folder's siblings, and concurrent first use of
// every cohort field. Its own server (the client-address limits must not touch the API tests'),
// talked to over raw sockets where the point is what bytes go on the wire.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

#include "app/council.hpp"
#include "core/cohort.hpp"
#include "server/api_fixture.hpp"

namespace ascent {

namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;
using test::k_password;

// A raw TCP connection to the server from a chosen loopback address (127.0.0.0/8 is all local).
class Raw {
public:
    Raw(int port, const char *from = "127.0.0.1") : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
        sockaddr_in local{};
        local.sin_family = AF_INET;
        inet_pton(AF_INET, from, &local.sin_addr);
        EXPECT_EQ(::bind(fd_, reinterpret_cast<sockaddr *>(&local), sizeof local), 0) << from;
        sockaddr_in to{};
        to.sin_family = AF_INET;
        to.sin_port = htons(static_cast<uint16_t>(port));
        inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
        EXPECT_EQ(::connect(fd_, reinterpret_cast<sockaddr *>(&to), sizeof to), 0);
    }
    ~Raw() { ::close(fd_); }
    Raw(const Raw &) = delete;
    Raw &operator=(const Raw &) = delete;

    bool send(std::string_view bytes) const { return ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size()); }
    // Everything the server sends until it closes the connection or is quiet for `quiet` (long by
    // default: a loaded machine may take seconds over a password hash).
    std::string receive(std::chrono::milliseconds quiet = std::chrono::milliseconds(20000)) {
        std::string out;
        pollfd p{fd_, POLLIN, 0};
        while (::poll(&p, 1, static_cast<int>(quiet.count())) > 0) {
            char buf[8192];
            const auto n = ::recv(fd_, buf, sizeof buf, 0);
            if (n <= 0) {
                closed_ = true;
                break;
            }
            out.append(buf, static_cast<std::size_t>(n));
        }
        return out;
    }
    bool closed() const { return closed_; }

private:
    int fd_;
    bool closed_ = false;
};

std::string url_encoded(const std::string &text) {
    std::string out;
    for (const unsigned char ch : text) out += std::isalnum(ch) != 0 ? std::string(1, static_cast<char>(ch)) : fmt::format("%{:02X}", ch);
    return out;
}

int responses_in(const std::string &bytes) {
    int n = 0;
    for (auto at = bytes.find("HTTP/1.1 "); at != std::string::npos; at = bytes.find("HTTP/1.1 ", at + 1)) ++n;
    return n;
}

class Hardening : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new test::TempDir;
        const auto db = dir_->file("hard.db");
        {
            app::Council council(db);
            app::build_demo(council, dir_->file("demo"), {.profile = "bury", .people = 300});
            for (const auto *role : {"viewer", "admin"}) council.create_user(role, k_password, *app::parse_role(role), "test");
        }
        std::filesystem::create_directories(dir_->file("dist"));
        std::filesystem::create_directories(dir_->file("dist-old"));
        dir_->write("dist/index.html", "the UI's index");
        dir_->write("dist-old/secret.txt", "a sibling's secret");
        server::ServeOptions options;
        options.database = db;
        options.port = 0;
        options.threads = 4;
        options.connections_per_client = 16;
        options.web_dir = dir_->file("dist");
        options.trusted_proxy = "127.0.0.5";
        served_ = new test::Served(options);
        port_ = served_->port();
    }
    static void TearDownTestSuite() {
        delete served_;
        delete dir_;
    }

    static httplib::Client client() { return httplib::Client("127.0.0.1", port_); }
    static std::string cookie_of(const httplib::Result &res) {
        const auto cookie = res->get_header_value("Set-Cookie");
        return cookie.substr(0, cookie.find(';'));
    }
    // Signs in as `name` from `from` over a raw connection; the reply's status.
    static int sign_in_from(const char *from, const std::string &name, const std::string &password, const std::string &forwarded = "") {
        Raw raw(port_, from);
        const auto body = json{{"name", name}, {"password", password}}.dump();
        raw.send("POST /api/v1/session HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\n" +
                 (forwarded.empty() ? "" : "X-Forwarded-For: " + forwarded + "\r\n") +
                 "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
        const auto reply = raw.receive();
        return reply.size() > 12 ? std::stoi(reply.substr(9, 3)) : 0;
    }

    static inline test::TempDir *dir_ = nullptr;
    static inline test::Served *served_ = nullptr;
    static inline int port_ = 0;
};

} // namespace

// Finding 4: a GET's body arriving in a later segment was parsed as the connection's next request.
TEST_F(Hardening, AGetWithABodyIsRefusedAndItsBodyNeverRunsAsARequest) {
    const std::string hidden = "GET /api/v1/openapi.yaml HTTP/1.1\r\nHost: x\r\n\r\n";
    Raw raw(port_);
    ASSERT_TRUE(raw.send("GET /api/v1/health HTTP/1.1\r\nHost: x\r\nContent-Length: " + std::to_string(hidden.size()) + "\r\n\r\n"));
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    raw.send(hidden); // may fail: the server has closed
    const auto reply = raw.receive();
    EXPECT_EQ(reply.substr(0, 12), "HTTP/1.1 400") << reply;
    EXPECT_NE(reply.find("Connection: close"), std::string::npos) << reply;
    EXPECT_NE(reply.find(R"("message":"a GET request must not have a body")"), std::string::npos) << reply;
    EXPECT_EQ(responses_in(reply), 1) << "the body was served as a request:\n" << reply;
    EXPECT_EQ(reply.find("openapi"), std::string::npos);
    EXPECT_TRUE(raw.closed());
}

TEST_F(Hardening, AmbiguousFramingIsRefusedAndTheConnectionClosed) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"HEAD /api/v1/health HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello", "a HEAD request must not have a body"},
        {"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", "a GET request must not have a body"},
        {"POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
         "the request has both Content-Length and Transfer-Encoding"},
        {"POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 40\r\n\r\n{}",
         "the request has several Content-Length headers"},
        {"POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Length: +2\r\n\r\n{}", "the request's Content-Length is not a whole number"},
        {"POST /api/v1/session HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
         "the request's Transfer-Encoding must be chunked alone"},
        {"OPTIONS /api/v1/health HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc", "a OPTIONS request must not have a body"},
    };
    for (const auto &[request, says] : cases) {
        Raw raw(port_);
        raw.send(request + "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n");
        const auto reply = raw.receive();
        EXPECT_EQ(reply.substr(0, 12), "HTTP/1.1 400") << request << reply;
        if (request.rfind("HEAD", 0) != 0) { // a reply to HEAD has no body
            EXPECT_NE(reply.find("\"message\":\"" + says + "\""), std::string::npos) << reply;
        }
        EXPECT_EQ(responses_in(reply), 1) << request << reply;
        EXPECT_TRUE(raw.closed()) << request;
    }
    // A GET with an empty body (Content-Length: 0) is harmless, and kept alive.
    Raw raw(port_);
    raw.send("GET /api/v1/health HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\nGET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n");
    const auto reply = raw.receive(std::chrono::milliseconds(3000));
    EXPECT_EQ(responses_in(reply), 2) << reply;
    EXPECT_FALSE(raw.closed());
}

// A body sent to no route is refused unread (httplib would buffer up to the upload limit in memory).
TEST_F(Hardening, ABodyForNoRouteIsRefusedUnread) {
    Raw raw(port_);
    raw.send("POST /nowhere HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n\r\nsome");
    const auto reply = raw.receive();
    EXPECT_EQ(reply.substr(0, 12), "HTTP/1.1 404") << reply;
    EXPECT_TRUE(raw.closed());
}

// Finding 5: a header line every 2 s kept a connection (and its thread) forever.
TEST_F(Hardening, AHeaderThatTrickelsInIsCutOffAtItsDeadline) {
    Raw raw(port_, "127.0.0.20");
    const auto start = Clock::now();
    raw.send("GET /api/v1/health HTTP/1.1\r\n");
    std::string reply;
    for (int i = 0; i < 8 && reply.empty(); ++i) {
        raw.send("X-Slow-" + std::to_string(i) + ": yes\r\n");
        reply = raw.receive(std::chrono::milliseconds(2000));
    }
    const auto took = std::chrono::duration<double>(Clock::now() - start).count();
    EXPECT_EQ(reply.substr(0, 12), "HTTP/1.1 408") << reply;
    EXPECT_NE(reply.find("the request's header took too long to arrive"), std::string::npos);
    EXPECT_GT(took, 4.5);
    EXPECT_LT(took, 7.5);
    raw.receive();
    EXPECT_TRUE(raw.closed());
}

TEST_F(Hardening, SixtyFourSlowClientsDoNotDelayAProbe) {
    std::vector<std::unique_ptr<Raw>> slow;
    for (int i = 0; i < 64; ++i) {
        const auto from = "127.0.1." + std::to_string(1 + i / 8); // 8 to an address, under its cap
        slow.push_back(std::make_unique<Raw>(port_, from.c_str()));
        slow.back()->send("GET /api/v1/health HTTP/1.1\r\n");
    }
    double slowest = 0;
    for (int round = 0; round < 4; ++round) {
        for (std::size_t i = 0; i < slow.size(); ++i) slow[i]->send("X-Line-" + std::to_string(round) + ": still here\r\n");
        const auto start = Clock::now();
        auto res = client().Get("/api/v1/health");
        slowest = std::max(slowest, std::chrono::duration<double>(Clock::now() - start).count());
        ASSERT_TRUE(res);
        EXPECT_EQ(res->status, 200);
        std::this_thread::sleep_for(std::chrono::seconds(1));
    }
    // A probe stuck behind the slow clients would wait for their 5 s header deadline; 2 s leaves room
    // for a loaded machine (CI runs two test processes at once, one of them under ASan).
    EXPECT_LT(slowest, 2.0) << "a probe waited behind the slow clients";
}

TEST_F(Hardening, OneAddressMayHoldOnlyItsShareOfConnections) {
    std::vector<std::unique_ptr<Raw>> held;
    for (int i = 0; i < 16; ++i) held.push_back(std::make_unique<Raw>(port_, "127.0.2.1"));
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    Raw over(port_, "127.0.2.1");
    over.send("GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n");
    const auto reply = over.receive();
    EXPECT_EQ(reply.substr(0, 12), "HTTP/1.1 503") << reply;
    EXPECT_NE(reply.find("too_many_connections"), std::string::npos);
    Raw other(port_, "127.0.2.2");
    other.send("GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(other.receive().substr(0, 12), "HTTP/1.1 200");
    held.clear();
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    Raw again(port_, "127.0.2.1");
    again.send("GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(again.receive().substr(0, 12), "HTTP/1.1 200") << "closed connections are counted off";
}

// Finding 8: the throttle let a 6th wrong password through, and had no per-address limit.
TEST_F(Hardening, SignInLocksANameAfterTheFifthWrongPassword) {
    app::Council(dir_->file("hard.db")).create_user("guessed", k_password, app::Role::viewer, "test");
    for (int i = 1; i <= 5; ++i) EXPECT_EQ(sign_in_from("127.0.3.1", "guessed", "a wrong guess at it"), 401) << "attempt " << i;
    EXPECT_EQ(sign_in_from("127.0.3.2", "guessed", k_password), 429) << "the name is locked, from any address";
}

TEST_F(Hardening, SignInLocksAnAddressThatTriesManyNames) {
    std::vector<int> statuses;
    for (int i = 1; i <= 12; ++i) statuses.push_back(sign_in_from("127.0.4.1", "name" + std::to_string(i), "a wrong guess at it"));
    EXPECT_EQ(statuses, (std::vector<int>{401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 429, 429}));
    EXPECT_EQ(sign_in_from("127.0.4.1", "viewer", k_password), 429) << "the address is locked, whatever the name";
    EXPECT_EQ(sign_in_from("127.0.4.2", "viewer", k_password), 200) << "other addresses are not";
}

// Behind the trusted proxy, the address counted is the last one it added to X-Forwarded-For;
// anyone else's X-Forwarded-For is ignored.
TEST_F(Hardening, BehindTheTrustedProxySignInLimitsCountTheForwardedAddress) {
    for (int i = 1; i <= 10; ++i) EXPECT_EQ(sign_in_from("127.0.0.5", "nobody" + std::to_string(i), "a wrong guess at it", "10.9.9.9, 10.1.1.1"), 401);
    EXPECT_EQ(sign_in_from("127.0.0.5", "viewer", k_password, "10.1.1.1"), 429) << "10.1.1.1 is locked";
    EXPECT_EQ(sign_in_from("127.0.0.5", "viewer", k_password, "10.1.1.1, 10.1.1.2"), 200) << "10.1.1.2 is not, nor the proxy";
    for (int i = 1; i <= 10; ++i) EXPECT_EQ(sign_in_from("127.0.0.6", "nobody" + std::to_string(i), "a wrong guess at it", "10.2.2.2"), 401);
    EXPECT_EQ(sign_in_from("127.0.0.7", "viewer", k_password, "10.2.2.2"), 200) << "an untrusted X-Forwarded-For counts for nothing";
    EXPECT_EQ(sign_in_from("127.0.0.6", "viewer", k_password), 429) << "the address that failed is locked";
}

TEST_F(Hardening, WeakPasswordsAndTheLastAdminAreRefusedByTheApi) {
    auto res = client().Post("/api/v1/session", json{{"name", "admin"}, {"password", k_password}}.dump(), "application/json");
    ASSERT_EQ(res->status, 200);
    const httplib::Headers who{{"Cookie", cookie_of(res)}, {"X-CSRF-Token", json::parse(res->body).at("csrf")}};
    const auto add = [&](const std::string &password) {
        auto r = client().Post("/api/v1/users", who, json{{"name", "newcomer"}, {"role", "viewer"}, {"password", password}}.dump(),
                               "application/json");
        return std::pair(r->status, json::parse(r->body).value("error", json::object()).value("message", ""));
    };
    EXPECT_EQ(add("aaaaaaaaaaaa"), std::pair(400, std::string("a password needs at least 5 different characters")));
    EXPECT_EQ(add("Password1234!"), std::pair(400, std::string("that password is among the first any attacker tries: choose a longer phrase of your own")));
    EXPECT_EQ(add("Newcomer"), std::pair(400, std::string("a password needs at least 12 characters")));
    for (const auto *change : {R"({"role":"viewer"})", R"({"disabled":true})"}) {
        auto r = client().Patch("/api/v1/users/admin", who, change, "application/json");
        EXPECT_EQ(r->status, 400) << change;
        EXPECT_EQ(json::parse(r->body).at("error").at("message"), "'admin' is the last enabled admin: make another user admin first");
    }
    const auto users = app::Council(dir_->file("hard.db")).users();
    EXPECT_TRUE(std::none_of(users.begin(), users.end(), [](const auto &u) { return u.name == "newcomer"; }));
    EXPECT_EQ(client().Get("/api/v1/users", who)->status, 200) << "still an admin, still signed in";
}

// Finding 8: "dist-old/" was served because it starts with "dist".
TEST_F(Hardening, TheWebFolderNeverServesASibling) {
    for (const auto *path : {"/../dist-old/secret.txt", "/%2e%2e/dist-old/secret.txt", "/..%2fdist-old%2fsecret.txt"}) {
        Raw raw(port_);
        raw.send(std::string("GET ") + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        const auto reply = raw.receive();
        EXPECT_EQ(reply.find("a sibling's secret"), std::string::npos) << path << "\n" << reply;
        EXPECT_NE(reply.find("the UI's index"), std::string::npos) << path << "\n" << reply;
    }
}

// Issue 22 item 6: the first requests for each cohort field, all at once, on the shared snapshot
// (run under ThreadSanitizer by the tsan preset, where a column built twice at once is reported).
TEST_F(Hardening, ConcurrentFirstRequestsForEveryCohortFieldAgree) {
    auto res = client().Post("/api/v1/session", json{{"name", "viewer"}, {"password", k_password}}.dump(), "application/json");
    ASSERT_EQ(res->status, 200);
    const auto cookie = cookie_of(res);
    std::vector<std::string> expressions;
    for (const auto &field : cohort_fields()) {
        const std::string name(field.name);
        for (const auto &candidate : {name + " >= 0", name, name + " is \"x\"", name + " is none", name + " is open", name + " is nursing",
                                      name + " is Unknown", name + " is \"Day support\"", name + " is lowest"}) {
            try {
                CohortExpression::parse(candidate);
                expressions.push_back(candidate);
                break;
            } catch (const Error &) {
            }
        }
    }
    ASSERT_EQ(expressions.size(), cohort_fields().size()) << "an expression for every field";
    // From 8 requests an address, under the server's cap of connections per address.
    const auto ask = [&](const std::string &expression, std::size_t n) {
        const auto from = "127.0.5." + std::to_string(1 + n / 8);
        Raw raw(port_, from.c_str());
        raw.send("GET /api/v1/cohort?expression=" + url_encoded(expression) + " HTTP/1.1\r\nHost: x\r\nCookie: " + cookie +
                 "\r\nConnection: close\r\n\r\n");
        const auto reply = raw.receive();
        return reply.rfind("HTTP/1.1 200", 0) == 0 ? reply.substr(reply.find("\r\n\r\n") + 4) : "failed: " + reply;
    };
    std::vector<std::string> first(expressions.size() * 2);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < first.size(); ++i) threads.emplace_back([&, i] { first[i] = ask(expressions[i % expressions.size()], i); });
    for (auto &t : threads) t.join();
    for (std::size_t i = 0; i < expressions.size(); ++i) {
        EXPECT_EQ(first[i].rfind("{", 0), 0u) << expressions[i] << ": " << first[i];
        EXPECT_EQ(first[i], first[i + expressions.size()]) << expressions[i];
        EXPECT_EQ(first[i], ask(expressions[i], 0)) << expressions[i];
    }
}

} // namespace ascent
