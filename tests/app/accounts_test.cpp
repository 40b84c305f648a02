#include <gtest/gtest.h>

#include "app/council.hpp"
#include "core/error.hpp"
#include "store/sqlite_db.hpp"
#include "test_support.hpp"

namespace ascent {

namespace {
std::vector<std::string> actions(app::Council &c) {
    std::vector<std::string> out;
    for (const auto &e : c.audit_events()) out.push_back(e.user + " " + e.action + " " + e.target);
    return out;
}
} // namespace

TEST(Accounts, RolesAreOrderedAndNamed) {
    EXPECT_EQ(app::parse_role("finance"), app::Role::finance);
    EXPECT_FALSE(app::parse_role("superuser"));
    EXPECT_EQ(app::to_string(app::Role::analyst), "analyst");
    EXPECT_FALSE(app::sees_people(app::Role::analyst));
    EXPECT_TRUE(app::sees_people(app::Role::finance));
    EXPECT_TRUE(app::may_model(app::Role::analyst));
    EXPECT_FALSE(app::may_model(app::Role::viewer));
    EXPECT_TRUE(app::administers(app::Role::admin));
    EXPECT_FALSE(app::administers(app::Role::finance));
}

TEST(Accounts, SignInChecksThePasswordAndAuditsEveryAttempt) {
    test::TempDir dir;
    app::Council council(dir.file("l.db"));
    council.act_as("setup");
    council.create_user("alice", "correct horse battery", app::Role::finance, council.actor());
    const auto hash = council.users().at(0).password_hash;
    EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u) << "stored as an Argon2id string, never the password";
    EXPECT_EQ(hash.find("correct horse"), std::string::npos);

    const auto ok = council.sign_in("alice", "correct horse battery");
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->role, app::Role::finance);
    EXPECT_FALSE(council.sign_in("alice", "wrong password here"));
    EXPECT_FALSE(council.sign_in("mallory", "correct horse battery"));
    council.set_disabled("alice", true, "setup");
    EXPECT_FALSE(council.sign_in("alice", "correct horse battery"));
    council.set_disabled("alice", false, "setup");
    council.set_role("alice", app::Role::viewer, "setup");
    EXPECT_EQ(council.sign_in("alice", "correct horse battery")->role, app::Role::viewer);

    EXPECT_EQ(actions(council), (std::vector<std::string>{
                                    "setup user_created alice", "alice sign_in alice", "alice sign_in_failed alice",
                                    "- sign_in_failed unknown user", "setup user_disabled alice", "alice sign_in_failed alice",
                                    "setup user_enabled alice", "setup user_role_set alice", "alice sign_in alice"}));
    EXPECT_EQ(council.audit_events().at(5).detail, "disabled");
    EXPECT_EQ(council.audit_events(8).size(), 1u);
}

TEST(Accounts, BadNamesPasswordsAndDuplicatesAreRefused) {
    test::TempDir dir;
    app::Council council(dir.file("l.db"));
    const auto refused = [&](auto &&call, const std::string &says) {
        try {
            call();
            ADD_FAILURE() << "accepted; expected: " << says;
        } catch (const Error &e) {
            EXPECT_EQ(e.kind(), ErrorKind::input);
            EXPECT_NE(std::string(e.what()).find(says), std::string::npos) << e.what();
        }
    };
    refused([&] { council.create_user("bob", "short", app::Role::viewer, "t"); }, "at least 12 characters");
    refused([&] { council.create_user("bob smith", "long enough password", app::Role::viewer, "t"); }, "1 to 64 letters");
    refused([&] { council.create_user("longusername", "longusername", app::Role::viewer, "t"); }, "must not be the user's name");
    council.create_user("bob", "long enough password", app::Role::viewer, "t");
    refused([&] { council.create_user("bob", "another long password", app::Role::admin, "t"); }, "already a user called 'bob'");
    refused([&] { council.set_role("nobody", app::Role::admin, "t"); }, "no user called 'nobody'");
    EXPECT_EQ(council.users().size(), 1u);
}

// Finding 8: "aaaaaaaaaaaa" was accepted as a password. The rules: docs/security.md.
TEST(Accounts, ObviouslyWeakPasswordsAreRefused) {
    test::TempDir dir;
    app::Council council(dir.file("l.db"));
    const std::vector<std::pair<std::string, std::string>> weak = {
        {"aaaaaaaaaaaa", "a password needs at least 5 different characters"},
        {"abababababab", "a password needs at least 5 different characters"},
        {"121212121212", "a password needs at least 5 different characters"},
        {"abcdefghijklm", "a password must not be a straight run of letters or digits"},
        {"zyxwvutsrqpon", "a password must not be a straight run of letters or digits"},
        {"Password1234", "that password is among the first any attacker tries: choose a longer phrase of your own"},
        {"password123!", "that password is among the first any attacker tries: choose a longer phrase of your own"},
        {"QWERTYuiop99", "that password is among the first any attacker tries: choose a longer phrase of your own"},
        {"1q2w3e4r5t6y", "that password is among the first any attacker tries: choose a longer phrase of your own"},
        {"84726153920!", "a password needs letters, not only digits and punctuation"},
        {"Carol.Jones2026", "that password is among the first any attacker tries: choose a longer phrase of your own"},
        {"CAROL.JONES", "a password needs at least 12 characters"},
    };
    for (const auto &[password, says] : weak) {
        EXPECT_EQ(test::error_of([&] { council.create_user("carol.jones", password, app::Role::viewer, "t"); }), says) << password;
    }
    EXPECT_EQ(test::error_of([&] { council.create_user("carol.jones.x", "carol.jones.x", app::Role::viewer, "t"); }),
              "a password must not be the user's name");
    EXPECT_TRUE(council.users().empty());
    council.create_user("carol.jones", "tea before the budget meeting", app::Role::viewer, "t");
    EXPECT_EQ(test::error_of([&] { council.set_password("carol.jones", "aaaaaaaaaaaa", "t"); }),
              "a password needs at least 5 different characters");
    EXPECT_TRUE(council.sign_in("carol.jones", "tea before the budget meeting")) << "the refused password changed nothing";
}

// Finding 8: the last admin could demote themselves, leaving nobody to manage users.
TEST(Accounts, TheLastEnabledAdminCannotBeDemotedOrDisabled) {
    test::TempDir dir;
    app::Council council(dir.file("l.db"));
    council.create_user("root", "the first admin password", app::Role::admin, "t");
    const std::string last = "'root' is the last enabled admin: make another user admin first";
    EXPECT_EQ(test::error_of([&] { council.set_role("root", app::Role::finance, "root"); }), last);
    EXPECT_EQ(test::error_of([&] { council.set_disabled("root", true, "root"); }), last);
    council.create_user("second", "the second admin password", app::Role::admin, "root");
    council.set_disabled("second", true, "root");
    EXPECT_EQ(test::error_of([&] { council.set_role("root", app::Role::viewer, "root"); }), last) << "a disabled admin does not count";
    council.set_disabled("second", false, "root");
    council.set_role("root", app::Role::viewer, "second");
    EXPECT_EQ(test::error_of([&] { council.set_disabled("second", true, "second"); }),
              "'second' is the last enabled admin: make another user admin first");
    council.set_role("root", app::Role::viewer, "second"); // not an admin: no rule applies
    EXPECT_EQ(council.users().at(0).role, "viewer");
    EXPECT_EQ(council.users().at(1).role, "admin");
}

TEST(Accounts, TheAuditTrailIsAppendOnly) {
    test::TempDir dir;
    const auto path = dir.file("l.db");
    {
        app::Council council(path);
        council.audit("alice", "person_read", "P0000001");
    }
    store::Database db(path); // straight to the database, as a tamperer would
    EXPECT_THROW(db.exec("UPDATE audit_log SET user = 'mallory'"), Error);
    EXPECT_THROW(db.exec("DELETE FROM audit_log"), Error);
    app::Council council(path);
    ASSERT_EQ(council.audit_events().size(), 1u);
    EXPECT_EQ(council.audit_events()[0].user, "alice");
}

TEST(Accounts, ImportsAndCaseChangesAreAuditedAsTheActor) {
    test::TempDir dir;
    app::Council council(dir.file("l.db"));
    council.act_as("carol");
    const auto demo = app::build_demo(council, dir.file("demo"), {.profile = "bury", .people = 50});
    bool import_seen = false, case_seen = false;
    for (const auto &e : council.audit_events()) {
        EXPECT_EQ(e.user, "carol");
        import_seen |= e.action == "import";
        case_seen |= e.action == "case_saved";
    }
    EXPECT_TRUE(import_seen);
    EXPECT_TRUE(case_seen);
}

} // namespace ascent
