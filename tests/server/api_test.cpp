// The HTTP API end to end: a real server on a free loopback port over a small demo ledger, driven
// by an HTTP client as the browser UI drives it.
#include <gtest/gtest.h>
#include <httplib.h>
#include <yaml-cpp/yaml.h>

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <set>
#include <thread>

#include "server/api_fixture.hpp"

namespace ascent {

namespace {

using nlohmann::json;
using test::Api;
using test::Signed;
using test::k_password;

// A concrete address for an OpenAPI path, on the demo ledger.
std::string concrete(std::string path) {
    const std::vector<std::pair<std::string, std::string>> values = {
        {"{lever}", "high_cost_1800"}, {"{id}", "DEMO-1"}, {"{format}", "html"}, {"{name}", "viewer"}, {"{step}", "1"}};
    for (const auto &[param, value] : values)
        for (auto at = path.find(param); at != std::string::npos; at = path.find(param)) path.replace(at, param.size(), value);
    if (path == "/api/v1/worklists/high_cost_1800.html") path = "/api/v1/worklists/high_cost_1800.csv";
    if (path == "/api/v1/people/DEMO-1") path = "/api/v1/people/P0000001";
    if (path == "/api/v1/charging/people/DEMO-1/assessment") path = "/api/v1/charging/people/P0000003/assessment";
    if (path == "/api/v1/cohort") path += "?expression=age%20%3E%3D%2065";
    if (path == "/api/v1/progression/pathway") path += "?saving=26.08&people=507";
    if (path == "/api/v1/housing/test") path += "?person=P0000001&level=3";
    if (path == "/api/v1/programme/budget-table.html") path = "/api/v1/programme/budget-table.xlsx";
    return path;
}

} // namespace

TEST_F(Api, TheOpenApiDocumentDescribesExactlyTheRoutes) {
    auto res = client().Get("/api/v1/openapi.yaml");
    ASSERT_TRUE(res && res->status == 200);
    const auto doc = YAML::Load(res->body);
    std::set<std::string> documented, served;
    for (const auto &path : doc["paths"])
        for (const auto &op : path.second) {
            std::string method = op.first.as<std::string>();
            for (auto &ch : method) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
            documented.insert(method + " " + path.first.as<std::string>() + " " + op.second["x-role"].as<std::string>());
        }
    for (const auto &r : server::ApiServer::routes())
        served.insert(r.method + " " + r.path + " " + (r.role ? std::string(app::to_string(*r.role)) : "none"));
    EXPECT_EQ(documented, served);
}

TEST_F(Api, EveryRouteRefusesNoSessionAndRolesBelowItsOwn) {
    const auto viewer = sign_in("viewer"), analyst = sign_in("analyst"), finance = sign_in("finance"), admin = sign_in("admin");
    const std::vector<std::pair<app::Role, Signed>> people = {
        {app::Role::viewer, viewer}, {app::Role::analyst, analyst}, {app::Role::finance, finance}, {app::Role::admin, admin}};
    for (const auto &r : server::ApiServer::routes()) {
        if (!r.role || r.method != "GET") continue; // changes are tested below, with their bodies
        const auto path = concrete(r.path);
        auto anonymous = client().Get(path);
        ASSERT_TRUE(anonymous);
        EXPECT_EQ(anonymous->status, 401) << path;
        EXPECT_EQ(error_of(anonymous).at("code"), "unauthorised");
        for (const auto &[role, who] : people) {
            auto res = get(path, who);
            ASSERT_TRUE(res) << path;
            if (path == "/api/v1/jobs/DEMO-1") {
                EXPECT_EQ(error_of(res).at("code"), "unknown_job");
            } else if (role < *r.role) {
                EXPECT_EQ(res->status, 403) << path << " as " << app::to_string(role);
                EXPECT_EQ(error_of(res).at("code"), "forbidden");
            } else {
                EXPECT_EQ(res->status, 200) << path << " as " << app::to_string(role) << ": " << res->body;
            }
        }
    }
}

TEST_F(Api, SignInFailuresAndSignOut) {
    auto wrong = client().Post("/api/v1/session", R"({"name":"finance","password":"not the password"})", "application/json");
    EXPECT_EQ(wrong->status, 401);
    EXPECT_EQ(error_of(wrong).at("code"), "sign_in_failed");
    auto shapeless = client().Post("/api/v1/session", R"({"name":"finance"})", "application/json");
    EXPECT_EQ(shapeless->status, 400);
    EXPECT_EQ(error_of(shapeless).at("code"), "missing_field");
    const auto who = sign_in("viewer");
    EXPECT_EQ(send("DELETE", "/api/v1/session", who, nullptr, false)->status, 403) << "sign-out needs the CSRF token";
    EXPECT_EQ(send("DELETE", "/api/v1/session", who, nullptr)->status, 204);
    EXPECT_EQ(get("/api/v1/summary", who)->status, 401) << "the session is over";
}

TEST_F(Api, RepeatedFailedSignInsAreSlowedDown) {
    app::Council(dir_->file("api.db")).create_user("guessed", k_password, app::Role::viewer, "test");
    const auto attempt = [&](const char *password) {
        return client().Post("/api/v1/session", json{{"name", "guessed"}, {"password", password}}.dump(), "application/json")->status;
    };
    for (int i = 0; i < server::SessionTable::k_free_failures; ++i) EXPECT_EQ(attempt("a wrong guess at it"), 401);
    EXPECT_EQ(attempt(k_password), 429) << "the 5th failure starts the wait: even the right password waits";
    bool audited = false;
    for (const auto &e : audit()) audited |= e.action == "sign_in_refused" && e.target == "guessed";
    EXPECT_TRUE(audited);
}

TEST_F(Api, SummaryAndOpportunitiesAreTheEnginesFigures) {
    const auto who = sign_in("viewer");
    const auto summary = json::parse(get("/api/v1/summary", who)->body);
    app::Council council(dir_->file("api.db"));
    const auto expected = council.summary(std::nullopt, WeeksPerYear::fifty_two());
    EXPECT_EQ(summary.at("people_supported"), expected.people_supported);
    EXPECT_EQ(summary.at("weekly_gross_pence"), expected.weekly_gross.pence());
    int64_t banded = 0;
    for (const auto &band : summary.at("by_cost_band")) banded += band.at("weekly_pence").get<int64_t>();
    EXPECT_EQ(banded, expected.weekly_gross.pence()) << "the cost bands add up to the total";

    const auto found = json::parse(get("/api/v1/opportunities", who)->body);
    bool seen = false;
    for (const auto &lever : found.at("levers"))
        if (lever.at("id") == "high_cost_1800") {
            seen = true;
            EXPECT_GT(lever.at("people").get<int>(), 0);
            const auto net = lever.at("annual_net_pence");
            EXPECT_LE(net[0].get<int64_t>(), net[1].get<int64_t>());
            EXPECT_LE(net[1].get<int64_t>(), net[2].get<int64_t>());
        }
    EXPECT_TRUE(seen);
}

TEST_F(Api, PersonLevelReadsAndExportsAreAudited) {
    const auto who = sign_in("finance");
    const auto people = json::parse(get("/api/v1/opportunities/high_cost_1800/people?limit=3", who)->body);
    ASSERT_FALSE(people.at("people").empty());
    const auto first = people.at("people")[0];
    EXPECT_FALSE(first.at("arithmetic").get<std::string>().empty());
    const std::string id = first.at("person_id");
    const auto person = json::parse(get("/api/v1/people/" + id, who)->body);
    EXPECT_FALSE(person.at("explanations").empty());
    const auto csv = get("/api/v1/worklists/high_cost_1800.csv", who);
    EXPECT_EQ(csv->get_header_value("Content-Disposition"), "attachment; filename=\"high_cost_1800-worklist.csv\"");
    EXPECT_EQ(csv->body.rfind("Rank,Person", 0), 0u);

    std::set<std::string> trail;
    for (const auto &e : audit())
        if (e.user == "finance") trail.insert(e.action + " " + e.target);
    EXPECT_TRUE(trail.count("person_list_read high_cost_1800"));
    EXPECT_TRUE(trail.count("person_read " + id));
    EXPECT_TRUE(trail.count("export high_cost_1800 worklist"));
    EXPECT_TRUE(trail.count("sign_in finance"));
}

TEST_F(Api, BadRequestsGetErrorsWithStableCodes) {
    const auto who = sign_in("finance");
    EXPECT_EQ(error_of(get("/api/v1/opportunities/no_such_lever/people", who)).at("code"), "unknown_lever");
    EXPECT_EQ(error_of(get("/api/v1/people/NOBODY", who)).at("code"), "unknown_person");
    EXPECT_EQ(error_of(get("/api/v1/cases/NOPE", who)).at("code"), "unknown_case");
    EXPECT_EQ(error_of(get("/api/v1/cohort", who)).at("code"), "missing_expression");
    auto bad_expression = get("/api/v1/cohort?expression=age%20%3E%3E%203", who);
    EXPECT_EQ(bad_expression->status, 400);
    EXPECT_EQ(error_of(get("/api/v1/opportunities/high_cost_1800/people?limit=lots", who)).at("code"), "bad_query");
    auto unknown = get("/api/v1/nothing-here", who);
    EXPECT_EQ(unknown->status, 404);
    EXPECT_EQ(error_of(unknown).at("code"), "not_found");
    auto bad_json = client().Post("/api/v1/cases/DEMO-1/profile", {{"Cookie", who.cookie}, {"X-CSRF-Token", who.csrf}}, "{not json",
                                  "application/json");
    EXPECT_EQ(bad_json->status, 400);
    EXPECT_EQ(error_of(bad_json).at("code"), "bad_json");
    EXPECT_EQ(get("/api/v1/health", who)->status, 200) << "the server is still up";
}

TEST_F(Api, ChangingAnAssumptionChangesTheProfileAndSavingStoresAVersion) {
    const auto analyst = sign_in("analyst");
    const auto before = json::parse(get("/api/v1/cases/DEMO-2", analyst)->body);
    auto changed = before.at("case");
    auto &line = changed.at("options")[0].at("lines")[0];
    const auto net_before = before.at("profiles")[0].at("full_year_effect_pence").get<int64_t>();
    ASSERT_TRUE(line.contains("confidence"));
    line["confidence"] = "100%";
    auto what_if = send("POST", "/api/v1/cases/DEMO-2/profile", analyst, changed);
    ASSERT_EQ(what_if->status, 200) << what_if->body;
    const auto net_after = json::parse(what_if->body).at("profiles")[0].at("full_year_effect_pence").get<int64_t>();
    EXPECT_GT(net_after, net_before);

    EXPECT_EQ(send("PUT", "/api/v1/cases/DEMO-2", sign_in("viewer"), changed)->status, 403);
    EXPECT_EQ(send("PUT", "/api/v1/cases/DEMO-1", analyst, changed)->status, 400) << "the body's id must match the address";
    auto saved = send("PUT", "/api/v1/cases/DEMO-2", analyst, changed);
    ASSERT_EQ(saved->status, 200) << saved->body;
    EXPECT_EQ(json::parse(saved->body).at("version"), before.at("version").get<int>() + 1);
    const auto after = json::parse(get("/api/v1/cases/DEMO-2", analyst)->body);
    EXPECT_EQ(after.at("profiles")[0].at("full_year_effect_pence").get<int64_t>(), net_after);
    bool audited = false;
    for (const auto &e : audit()) audited |= e.user == "analyst" && e.action == "case_saved" && e.target == "DEMO-2";
    EXPECT_TRUE(audited);
}

TEST_F(Api, AdminsManageUsersAndChangesEndTheirSessions) {
    const auto admin = sign_in("admin");
    auto added = send("POST", "/api/v1/users", admin, {{"name", "dana"}, {"password", "short"}, {"role", "viewer"}});
    EXPECT_EQ(added->status, 400);
    EXPECT_NE(error_of(added).at("message").get<std::string>().find("12 characters"), std::string::npos);
    EXPECT_EQ(send("POST", "/api/v1/users", admin, {{"name", "dana"}, {"password", k_password}, {"role", "viewer"}})->status, 201);
    const auto dana = sign_in("dana");
    EXPECT_EQ(get("/api/v1/people/P0000001", dana)->status, 403);
    EXPECT_EQ(send("PATCH", "/api/v1/users/dana", admin, {{"role", "finance"}})->status, 200);
    EXPECT_EQ(get("/api/v1/summary", dana)->status, 401) << "a changed account signs in again";
    EXPECT_EQ(get("/api/v1/people/P0000001", sign_in("dana"))->status, 200);
    EXPECT_EQ(send("PATCH", "/api/v1/users/dana", admin, {{"disabled", true}})->status, 200);
    EXPECT_EQ(client().Post("/api/v1/session", json{{"name", "dana"}, {"password", k_password}}.dump(), "application/json")->status, 401);
    const auto csv = get("/api/v1/audit.csv", admin);
    EXPECT_EQ(csv->body.rfind("id,at,user,action,target,detail\r\n", 0), 0u);
    EXPECT_NE(csv->body.find("user_role_set,dana,finance"), std::string::npos);
}

TEST_F(Api, ImportsRunInTheBackgroundWithTheirReport) {
    const auto finance = sign_in("finance");
    const auto cld = test::read_file(dir_->file("demo/cld.csv"));
    EXPECT_EQ(upload(sign_in("analyst"), {{"file", cld, "cld.csv", "text/csv"}})->status, 403);
    auto missing = upload(finance, {{"kind", "cld", "", ""}});
    EXPECT_EQ(missing->status, 400);
    EXPECT_EQ(error_of(missing).at("code"), "missing_file");

    auto started = upload(finance, {{"file", cld, "cld.csv", "text/csv"}, {"check_only", "true", "", ""}});
    ASSERT_EQ(started->status, 202) << started->body;
    auto checked = wait_for(json::parse(started->body).at("job"), finance);
    ASSERT_EQ(checked.at("state"), "succeeded") << checked.dump();
    EXPECT_EQ(checked.at("result").at("report").at("errors"), 0);
    EXPECT_GT(checked.at("result").at("report").at("rows_read").get<int>(), 0);
    EXPECT_EQ(get("/api/v1/jobs/" + checked.at("id").get<std::string>(), sign_in("viewer"))->status, 404) << "another user's job";

    started = upload(finance, {{"file", cld, "cld.csv", "text/csv"}});
    const auto again = wait_for(json::parse(started->body).at("job"), finance);
    EXPECT_EQ(again.at("result").at("already_imported"), true) << "the demo imported the same file";
    EXPECT_EQ(again.at("result").at("written"), false);

    std::string broken = cld.substr(0, cld.find('\n') + 1) + "not,a,valid,row\n";
    started = upload(finance, {{"file", broken, "broken.csv", "text/csv"}});
    const auto refused = wait_for(json::parse(started->body).at("job"), finance);
    EXPECT_EQ(refused.at("result").at("written"), false);
    EXPECT_GT(refused.at("result").at("report").at("errors").get<int>(), 0);
    EXPECT_EQ(refused.at("result").at("report").at("issues")[0].at("row"), 2);
    const auto history = json::parse(get("/api/v1/imports", finance)->body);
    for (const auto &r : history) EXPECT_NE(r.at("file_name"), "broken.csv") << "nothing of a refused file is stored";
}

TEST_F(Api, ANewSnapshotUploadedBecomesCurrentAndAnEarlierOneIsRestored) {
    const auto finance = sign_in("finance");
    const auto weekly = [&] { return json::parse(get("/api/v1/summary", finance)->body).at("weekly_gross_pence").get<int64_t>(); };
    const auto before = weekly();
    // The next quarter: the period moved on and one unit cost doubled.
    auto cld = test::read_file(dir_->file("demo/cld.csv"));
    for (std::size_t at = 0; (at = cld.find("01/10/2025,30/09/2026", at)) != std::string::npos;)
        cld.replace(at, 21, "01/01/2026,31/12/2026");
    const auto row = cld.find("\n999,") + 1, end = cld.find('\n', row);
    auto line = cld.substr(row, end - row);
    const auto c2 = line.rfind(','), c1 = line.rfind(',', c2 - 1), c0 = line.rfind(',', c1 - 1);
    line = line.substr(0, c0 + 1) + "9999.00" + line.substr(c1);
    cld.replace(row, end - row, line);

    const auto started = upload(finance, {{"file", cld, "q4.csv", "text/csv"}});
    ASSERT_EQ(started->status, 202) << started->body;
    const auto job = wait_for(json::parse(started->body).at("job"), finance);
    ASSERT_EQ(job.at("state"), "succeeded") << job.dump();
    ASSERT_EQ(job.at("result").at("written"), true) << job.dump();
    const auto snapshot = job.at("result").at("record").at("id").get<int64_t>();
    EXPECT_NE(weekly(), before) << "the server's ledger follows the import";

    auto history = json::parse(get("/api/v1/imports", finance)->body);
    EXPECT_EQ(history.front().at("current"), false);
    EXPECT_EQ(history.back().at("current"), true);
    EXPECT_EQ(history.back().at("id"), snapshot);
    EXPECT_EQ(send("POST", "/api/v1/imports/1/restore", sign_in("analyst"), json::object())->status, 403);
    const auto unknown = send("POST", "/api/v1/imports/2/restore", finance, json::object());
    EXPECT_EQ(unknown->status, 400);
    EXPECT_EQ(error_of(unknown).at("message"), "there is no kept CLD snapshot 2 (`ascent imports` lists them)");
    EXPECT_EQ(send("POST", "/api/v1/imports/x/restore", finance, json::object())->status, 404);
    const auto restored = send("POST", "/api/v1/imports/1/restore", finance, json::object());
    ASSERT_EQ(restored->status, 200) << restored->body;
    EXPECT_EQ(json::parse(restored->body).at("restored"), true);
    EXPECT_EQ(weekly(), before);
    history = json::parse(get("/api/v1/imports", finance)->body);
    EXPECT_EQ(history.front().at("current"), true);

    // The council's threshold: admins change it, every user reads it.
    const auto admin = sign_in("admin");
    EXPECT_EQ(send("PUT", "/api/v1/settings/import.max_change", finance, json{{"value", "30%"}})->status, 403);
    const auto set = send("PUT", "/api/v1/settings/import.max_change", admin, json{{"value", "30%"}});
    ASSERT_EQ(set->status, 200) << set->body;
    const auto settings = json::parse(get("/api/v1/settings", sign_in("viewer"))->body);
    ASSERT_EQ(settings.size(), 3u);
    EXPECT_EQ(settings[2].at("key"), "import.max_change");
    EXPECT_EQ(settings[2].at("value"), "30%");
    EXPECT_EQ(send("PUT", "/api/v1/settings/import.max_change", admin, json{{"value", "lots"}})->status, 400);
}

TEST_F(Api, TheProgrammeAddsUpAndDownloads) {
    const auto viewer = sign_in("viewer");
    const auto p = json::parse(get("/api/v1/programme", viewer)->body);
    ASSERT_FALSE(p.at("rows").empty());
    const auto years = p.at("years").size();
    std::vector<int64_t> sum(years, 0);
    for (const auto &row : p.at("rows"))
        for (std::size_t y = 0; y < years; ++y) sum[y] += row.at("years_pence")[y].get<int64_t>();
    EXPECT_EQ(p.at("total_pence").get<std::vector<int64_t>>(), sum);
    const auto xlsx = get("/api/v1/programme/budget-table.xlsx", viewer);
    EXPECT_EQ(xlsx->body.rfind("PK", 0), 0u) << "an XLSX is a zip";
    EXPECT_EQ(get("/api/v1/programme/budget-table.doc", viewer)->status, 404);
    EXPECT_EQ(send("POST", "/api/v1/programme/risk", viewer, json::object())->status, 403);

    const auto analyst = sign_in("analyst");
    EXPECT_EQ(error_of(send("POST", "/api/v1/programme/risk", analyst, {{"trials", 5}})).at("code"), "bad_trials");
    const auto job = run_job("/api/v1/programme/risk", analyst, {{"trials", 500}, {"seed", 7}});
    ASSERT_EQ(job.at("state"), "succeeded") << job.dump();
    const auto &risk = job.at("result");
    EXPECT_EQ(risk.at("trials"), 500);
    for (const auto &t : risk.at("targets")) EXPECT_EQ(t.at("chance").is_null(), t.at("certain").get<bool>());
    for (const auto &c : risk.at("cases")) EXPECT_FALSE(c.at("delivery_assumption").get<std::string>().empty());
    for (const auto &y : risk.at("by_year")) {
        EXPECT_LE(y.at("p10_pence").get<int64_t>(), y.at("p50_pence").get<int64_t>());
        EXPECT_LE(y.at("p50_pence").get<int64_t>(), y.at("p90_pence").get<int64_t>());
    }
}

TEST_F(Api, TheProgrammeAndACaseAreNetOfOverlapAndCheckedForPlausibility) {
    const auto viewer = sign_in("viewer");
    const auto p = json::parse(get("/api/v1/programme", viewer)->body);
    const auto &o = p.at("overlap");
    const auto pence = [](const json &j, const char *key) { return j.at(key).get<int64_t>(); };
    EXPECT_EQ(pence(o, "gross_annual_pence") - pence(o, "deducted_annual_pence"), pence(o, "net_annual_pence"));
    ASSERT_EQ(o.at("lines").size(), 2u); // DEMO-1 on high_cost_1800, DEMO-2 on waking_nights
    int64_t net = 0;
    for (const auto &l : o.at("lines")) {
        EXPECT_LE(pence(l, "net_annual_pence"), pence(l, "gross_annual_pence"));
        net += pence(l, "net_annual_pence");
    }
    EXPECT_LE(std::abs(net - pence(o, "net_annual_pence")), 2) << "each line rounded once, the total once";
    ASSERT_FALSE(o.at("pairs").empty()) << "the demo's cohorts overlap";
    EXPECT_GT(pence(o.at("pairs")[0], "deducted_annual_pence"), 0);
    EXPECT_NE(o.at("rule").get<std::string>().find("largest saving on its own"), std::string::npos);
    const auto &plausible = p.at("plausibility");
    EXPECT_GT(pence(plausible, "gross_annual_pence"), 0);
    ASSERT_FALSE(plausible.at("checks").empty());
    EXPECT_EQ(plausible.at("checks").back().at("lever"), "");
    // A case on its own is net of its own lines only: DEMO-1 has one, so nothing is deducted, and it is
    // at least what it keeps in the programme.
    const auto c = json::parse(get("/api/v1/cases/DEMO-1", viewer)->body);
    ASSERT_EQ(c.at("overlap").size(), 1u);
    const auto &alone = c.at("overlap")[0].at("lines")[0];
    EXPECT_EQ(pence(alone, "deducted_annual_pence"), 0);
    EXPECT_EQ(pence(alone, "gross_annual_pence"), pence(o.at("lines")[0], "gross_annual_pence"));
    EXPECT_GE(pence(alone, "net_annual_pence"), pence(o.at("lines")[0], "net_annual_pence"));
    // Opportunities carry their plausibility too.
    const auto opportunities = json::parse(get("/api/v1/opportunities", viewer)->body);
    EXPECT_FALSE(opportunities.at("plausibility").at("checks").empty());
}

TEST_F(Api, ChargingOptionsAreSimulatedOverTheLedger) {
    const auto analyst = sign_in("analyst");
    const auto as_at = json::parse(get("/api/v1/health", analyst)->body).at("as_at");
    const json options = {{"name", "Count the enhanced rate of PIP"},
                          {"date", as_at},
                          {"options", {{{"name", "Enhanced rate"}, {"set", {{"policy.count_night_element", "yes"}}}}}}};
    const auto job = run_job("/api/v1/charging/simulations", analyst, options);
    ASSERT_EQ(job.at("state"), "succeeded") << job.dump();
    const auto &s = job.at("result");
    EXPECT_GT(s.at("cases").get<int>(), 0);
    const auto &option = s.at("options")[0];
    int64_t banded = 0;
    for (const auto &band : option.at("by_change")) banded += band.at("people").get<int64_t>();
    EXPECT_EQ(banded, s.at("cases")) << "every case is in one band of change";
    EXPECT_GE(option.at("weekly_change_pence").get<int64_t>(), 0) << "counting more income never lowers charges";
    EXPECT_FALSE(option.contains("most_affected")) << "an analyst does not see people";

    auto bad = send("POST", "/api/v1/charging/simulations", analyst, {{"name", "x"}, {"date", "yesterday"}, {"options", json::array()}});
    EXPECT_EQ(bad->status, 400) << bad->body;
    const auto xlsx = send("POST", "/api/v1/charging/simulation.xlsx", sign_in("finance"), options);
    EXPECT_EQ(xlsx->body.rfind("PK", 0), 0u);
}

// The ledger's short stays under each respite rule, and the backlog of overdue reassessments.
TEST_F(Api, RespiteStaysAndTheReassessmentBacklogComeFromTheLedger) {
    const auto analyst = sign_in("analyst");
    const auto as_at = json::parse(get("/api/v1/health", analyst)->body).at("as_at");
    const json options = {{"name", "Respite"}, {"date", as_at},
                          {"options", {{{"name", "Residential rules"}, {"set", {{"policy.respite_rule", "residential"}}}}}}};
    const auto job = run_job("/api/v1/charging/simulations", analyst, options);
    ASSERT_EQ(job.at("state"), "succeeded") << job.dump();
    const auto &stays = job.at("result").at("short_term_stays");
    EXPECT_GT(stays.at("stays").get<int64_t>(), 0);
    const auto &option = stays.at("options")[0];
    EXPECT_GT(option.at("change_pence").get<int64_t>(), 0) << stays.dump();
    int64_t by_group = 0;
    for (const auto &g : option.at("by_group")) by_group += g.at("stays").get<int64_t>();
    EXPECT_EQ(by_group, stays.at("stays")) << "every stay is in one client group";

    const json model = {{"name", "Backlog"}, {"first_year", "2026/27"}, {"backlog", "ledger"}, {"overdue_months", 12},
                        {"options", {{{"name", "Two officers"}, {"officers", {"2", "2"}}, {"per_officer", "150"}, {"increase", "10.00"},
                                      {"likelihood", {"100%", "77%"}}}}}};
    const auto res = send("POST", "/api/v1/charging/backlog", analyst, model);
    ASSERT_EQ(res->status, 200) << res->body;
    const auto b = json::parse(res->body);
    const auto overdue = b.at("cohort").at("overdue").get<int64_t>();
    EXPECT_GT(overdue, 0);
    EXPECT_LE(overdue + b.at("cohort").at("no_assessment_date").get<int64_t>(), b.at("cohort").at("receiving").get<int64_t>());
    EXPECT_EQ(b.at("backlog_hundredths"), overdue * 100);
    EXPECT_LE(b.at("options")[0].at("assessments_hundredths").get<int64_t>(), overdue * 100) << "never more than the backlog";
    json unknown = model;
    unknown["colour"] = "red";
    const auto refused = send("POST", "/api/v1/charging/backlog", analyst, unknown);
    EXPECT_EQ(refused->status, 400);
    EXPECT_NE(error_of(refused).at("message").get<std::string>().find("unknown key 'colour' in a backlog model"), std::string::npos)
        << refused->body;
}

TEST_F(Api, BenchmarksHighlightTheCouncilAmongItsComparators) {
    const auto viewer = sign_in("viewer");
    const auto b = json::parse(get("/api/v1/benchmark?peers=region", viewer)->body);
    EXPECT_EQ(b.at("council"), "Bury");
    ASSERT_FALSE(b.at("measures").empty());
    const auto &first = b.at("measures")[0];
    EXPECT_EQ(first.at("values")[0].at("council"), "Bury");
    EXPECT_EQ(first.at("values")[0].at("self"), true);
    EXPECT_EQ(first.at("values").size(), b.at("peers").size() + 1);
    EXPECT_EQ(error_of(get("/api/v1/benchmark?council=Narnia", viewer)).at("code"), "bad_request");
    EXPECT_EQ(error_of(get("/api/v1/benchmark?peers=friends", viewer)).at("code"), "bad_peers");
}

TEST_F(Api, TrendProjectionsReproduceTheCouncilsTable) {
    const auto viewer = sign_in("viewer");
    const auto model = YAML::LoadFile(std::string(ASCENT_TESTS) + "/cases/documents/cambs-ar-6-172-trend.yaml");
    // The model as JSON, as the UI sends it: every scalar a string, as the trend file writes them.
    const std::function<json(const YAML::Node &)> to_json = [&](const YAML::Node &n) -> json {
        if (n.IsMap()) {
            json o = json::object();
            for (const auto &kv : n) o[kv.first.as<std::string>()] = to_json(kv.second);
            return o;
        }
        if (n.IsSequence()) {
            json a = json::array();
            for (const auto &v : n) a.push_back(to_json(v));
            return a;
        }
        return n.as<std::string>();
    };
    auto res = send("POST", "/api/v1/projections/trend", viewer, to_json(model));
    ASSERT_EQ(res->status, 200) << res->body;
    const auto p = json::parse(res->body);
    EXPECT_EQ(p.at("years"), json({"2015-16", "2016-17", "2017-18", "2018-19"}));
    EXPECT_EQ(p.at("series")[0].at("name"), "Nursing");
    for (const auto &check : p.at("checks")) {
        const bool printed_total = check.at("what").get<std::string>().find("Total") != std::string::npos;
        EXPECT_TRUE(printed_total || check.at("agrees").get<bool>()) << check.dump();
    }
    EXPECT_EQ(send("POST", "/api/v1/projections/trend", viewer, {{"name", "no years"}})->status, 400);
}

TEST_F(Api, CommissioningToolsOnTheLedger) {
    const auto viewer = sign_in("viewer"), analyst = sign_in("analyst"), finance = sign_in("finance");
    const auto m = json::parse(get("/api/v1/commissioning/market?limit=3", viewer)->body);
    EXPECT_EQ(m.at("by_provider").size(), 3u);
    EXPECT_GT(m.at("hhi").get<int>(), 0);
    const json card = {{"name", "Ceilings"},
                       {"rates", {{{"service", "long term residential care"}, {"per", "week"}, {"from", "2020-04-01"}, {"ceiling", "700.00"}}}}};
    const auto totals = json::parse(send("POST", "/api/v1/commissioning/ceilings", viewer, card)->body);
    EXPECT_GT(totals.at("flagged").get<int>(), 0);
    EXPECT_FALSE(totals.contains("lines")) << "a viewer sees no people";
    int64_t excess = 0;
    for (const auto &s : totals.at("by_service")) excess += s.at("weekly_excess_pence").get<int64_t>();
    EXPECT_EQ(excess, totals.at("weekly_excess_pence").get<int64_t>());
    const auto listed = json::parse(send("POST", "/api/v1/commissioning/ceilings?limit=5", finance, card)->body);
    ASSERT_EQ(listed.at("lines").size(), 5u);
    EXPECT_GT(listed.at("lines")[0].at("unit_cost_pence").get<int64_t>(), 70000);
    EXPECT_EQ(error_of(send("POST", "/api/v1/commissioning/ceilings", viewer, {{"name", "x"}, {"rates", {{{"service", "gardening"}}}}})).at("code"),
              "bad_request");

    EXPECT_EQ(send("POST", "/api/v1/commissioning/retender", viewer, {{"card", card}, {"from", "2026-11-01"}})->status, 403);
    const auto r = json::parse(send("POST", "/api/v1/commissioning/retender", analyst, {{"card", card}, {"from", "2026-11-01"}})->body);
    EXPECT_EQ(r.at("saving_by_year").size(), 3u);
    EXPECT_GT(r.at("saving_by_year")[1].at("saving_pence").get<int64_t>(), 0) << "a lower ceiling on residential care saves";

    const json placement = {{"name", "p"}, {"date", "2025-06-01"}, {"setting", "residential"}, {"fee_paid", "1,300.00"},
                            {"needs", {{"shared_hours", "28"}, {"one_to_one_hours", "14"}}}};
    const auto price = json::parse(send("POST", "/api/v1/commissioning/fair-price", viewer, placement)->body);
    EXPECT_EQ(price.at("total_pence"), 114772) << "the hand-worked placement of commissioning_test.cpp";
    EXPECT_EQ(price.at("gap_pence"), 130000 - 114772);
    EXPECT_EQ(send("POST", "/api/v1/commissioning/fair-price.xlsx", viewer, placement)->body.rfind("PK", 0), 0u);

    const json request = {{"name", "R"}, {"ceiling", "1,200"}, {"price_weight", "40%"}, {"quality_weight", "60%"},
                          {"questions", {{{"id", "Q1"}, {"weight", "100%"}}}},
                          {"bids", {{{"provider", "A"}, {"price", "1,100"}, {"answers", {{"Q1", "4"}}}},
                                    {{"provider", "B"}, {"price", "1,000"}, {"answers", {{"Q1", "2"}}}}}}};
    const auto e = json::parse(send("POST", "/api/v1/commissioning/evaluation", analyst, request)->body);
    EXPECT_EQ(e.at("award"), "A"); // 36.36 + 48 against 40 + 24
    const json uplifts = {{"name", "U"}, {"effective", "2026-04-01"}, {"years", "2"},
                          {"options", {{{"name", "3%"}, {"uplift", {{"any", "3%"}}}}, {{"name", "2%"}, {"uplift", {{"any", "2%"}}}}}}};
    const auto u = json::parse(send("POST", "/api/v1/commissioning/uplifts", viewer, uplifts)->body);
    const auto increase = u.at("options")[0].at("weekly_increase_pence").get<int64_t>();
    EXPECT_EQ(increase, (u.at("weekly_spend_pence").get<int64_t>() * 3 + 50) / 100);
    EXPECT_GT(u.at("options")[1].at("by_year")[0].at("growth_avoided_pence").get<int64_t>(), 0);
}

TEST_F(Api, ReviewsUpratingParametersAndEvidence) {
    const auto finance = sign_in("finance");
    const auto job = run_job("/api/v1/reviews/assign", finance, {{"lever", "high_cost_1800"}, {"reviewer", "rita"}, {"limit", 3}});
    ASSERT_EQ(job.at("state"), "succeeded") << job.dump();
    EXPECT_EQ(job.at("result").at("assigned"), 3);
    EXPECT_EQ(error_of(send("POST", "/api/v1/reviews/assign", finance, {{"lever", "no_such"}, {"reviewer", "rita"}})).at("code"), "unknown_lever");
    auto listed = json::parse(get("/api/v1/reviews", finance)->body);
    ASSERT_EQ(listed.size(), 3u);
    const std::string person = listed[0].at("person_id");
    auto bad = send("POST", "/api/v1/reviews/decisions", finance, {{"person_id", person}, {"lever", "high_cost_1800"}, {"outcome", "vanished"}});
    EXPECT_EQ(bad->status, 400);
    EXPECT_NE(error_of(bad).at("message").get<std::string>().find("no_change"), std::string::npos) << "the outcomes are listed";
    EXPECT_EQ(send("POST", "/api/v1/reviews/decisions", finance,
                   {{"person_id", person}, {"lever", "high_cost_1800"}, {"outcome", "reduced"}, {"decided_on", "2026-10-01"}})->status, 200);
    listed = json::parse(get("/api/v1/reviews", finance)->body);
    bool decided = false;
    for (const auto &r : listed) decided |= r.at("person_id") == person && r.at("outcome") == "reduced" && r.at("recorded_by") == "finance";
    EXPECT_TRUE(decided);

    const auto uprate = run_job("/api/v1/charging/uprating", sign_in("analyst"), {{"to", "2026/27"}});
    ASSERT_EQ(uprate.at("state"), "succeeded") << uprate.dump();
    EXPECT_GT(uprate.at("result").at("cases").get<int>(), 0);

    const auto admin = sign_in("admin");
    const auto post_file = [&](const std::string &content) {
        return client().Post("/api/v1/charging/parameters", {{"Cookie", admin.cookie}, {"X-CSRF-Token", admin.csrf}},
                             {{"file", content, "council.yaml", "application/yaml"}});
    };
    const auto good = post_file("name: Council\nversion: \"1\"\nparameters:\n  pea:\n    description: x\n    unit: money\n"
                                "    values:\n      - {from: 2026-04-01, value: \"31.00\", tag: C, source: council}\n");
    ASSERT_EQ(good->status, 201) << good->body;
    EXPECT_EQ(json::parse(good->body).at("file_name"), "council.yaml");
    const auto refused = post_file("name: Council\nversion: \"1\"\nparameters:\n  pea:\n    unit: money\n    values:\n      - {from: 2026-04-01, value: \"lots\"}\n");
    EXPECT_EQ(refused->status, 400);
    EXPECT_NE(error_of(refused).at("message").get<std::string>().find("council.yaml"), std::string::npos) << refused->body;

    const auto found = json::parse(get("/api/v1/evidence?theme=reablement", sign_in("viewer"))->body);
    ASSERT_FALSE(found.at("matches").empty());
    EXPECT_FALSE(found.at("matches")[0].at("quote").get<std::string>().empty());
}

TEST_F(Api, TheDynamicPurchasingSystemFromAdmissionToAward) {
    const auto finance = sign_in("finance");
    EXPECT_EQ(send("POST", "/api/v1/dps/admissions", sign_in("analyst"), {{"provider", "Acorn"}, {"lot", "home care"}})->status, 403);
    for (const auto *provider : {"Acorn", "Birch"})
        ASSERT_EQ(send("POST", "/api/v1/dps/admissions", finance, {{"provider", provider}, {"lot", "home care"}, {"cqc_rating", "good"}, {"on", "2026-04-01"}})->status, 201);
    const json spec = {{"name", "R-1"}, {"ceiling", "500.00"}, {"price_weight", "50%"}, {"quality_weight", "50%"},
                       {"questions", {{{"id", "Q1"}, {"weight", "100%"}}}}};
    const auto advert = send("POST", "/api/v1/dps/requests", finance, {{"id", "R-1"}, {"lot", "home care"}, {"spec", spec}, {"on", "2026-05-01"}});
    ASSERT_EQ(advert->status, 201) << advert->body;
    EXPECT_EQ(json::parse(advert->body).at("advertised_to").size(), 2u);
    EXPECT_EQ(send("POST", "/api/v1/dps/requests/R-1/bids", finance, {{"provider", "Acorn"}, {"price", "400.00"}, {"answers", {{"Q1", 4}}}, {"on", "2026-05-02"}})->status, 201);
    EXPECT_EQ(send("POST", "/api/v1/dps/requests/R-1/bids", finance, {{"provider", "Birch"}, {"price", "450.00"}, {"answers", {{"Q1", 5}}}, {"on", "2026-05-03"}})->status, 201);
    EXPECT_EQ(error_of(send("POST", "/api/v1/dps/requests/R-1/bids", finance, {{"provider", "Acorn"}, {"price", ""}})).at("code"), "missing_field")
        << "an empty price is a missing one";
    const auto stranger = send("POST", "/api/v1/dps/requests/R-1/bids", finance, {{"provider", "Cedar"}, {"price", "300.00"}, {"on", "2026-05-03"}});
    EXPECT_EQ(stranger->status, 400);
    EXPECT_NE(error_of(stranger).at("message").get<std::string>().find("not admitted"), std::string::npos);
    const auto award = json::parse(send("POST", "/api/v1/dps/requests/R-1/award", finance, {{"on", "2026-05-11"}})->body);
    EXPECT_EQ(award.at("award"), "Birch"); // 50 × 400/450 + 50 = 94.44 against 50 + 50 × 4/5 = 90
    const auto reg = json::parse(get("/api/v1/dps", sign_in("viewer"))->body);
    const auto &request = reg.at("requests")[0];
    EXPECT_EQ(request.at("status"), "awarded");
    EXPECT_EQ(request.at("days_to_place"), 10);
    EXPECT_EQ(request.at("bid_count"), 2);
    EXPECT_EQ(request.at("eligible"), json({"Acorn", "Birch"}));
    EXPECT_EQ(request.at("questions")[0].at("id"), "Q1");
    EXPECT_FALSE(request.contains("bids")) << "prices bid are for finance";
    const auto bids = json::parse(get("/api/v1/dps", finance)->body).at("requests")[0].at("bids");
    ASSERT_EQ(bids.size(), 2u);
    EXPECT_EQ(bids[1].at("price_pence"), 45000);
    EXPECT_EQ(bids[1].at("answers"), "Q1=5");
}

TEST_F(Api, ProgressionPlansAndHousingOptions) {
    const auto finance = sign_in("finance");
    const json plan = {{"person", "P0000001"}, {"goal", "Travel independently"}, {"expected_saving", "26.08"}, {"started", "2026-04-01"},
                       {"target", "2026-12-31"}, {"steps", {{{"what", "Travel training"}, {"due", "2026-06-01"}, {"supported_by", "Pathways"}},
                                                             {{"what", "Travel alone"}, {"due", "2026-09-01"}}}}};
    EXPECT_EQ(send("POST", "/api/v1/progression", sign_in("analyst"), plan)->status, 403);
    const auto added = send("POST", "/api/v1/progression", finance, plan);
    ASSERT_EQ(added->status, 201) << added->body;
    const auto id = std::to_string(json::parse(added->body).at("id").get<int64_t>());
    EXPECT_EQ(send("POST", "/api/v1/progression/" + id + "/steps/1", finance, {{"on", "2026-05-20"}, {"note", "done"}})->status, 200);
    EXPECT_EQ(send("POST", "/api/v1/progression/" + id + "/steps/7", finance, {{"on", "2026-05-20"}})->status, 400);
    auto bad = plan;
    bad["person"] = "NOBODY";
    EXPECT_NE(error_of(send("POST", "/api/v1/progression", finance, bad)).at("message").get<std::string>().find("not in the ledger"),
              std::string::npos);
    const auto view = json::parse(get("/api/v1/progression?weeks=52", finance)->body);
    ASSERT_EQ(view.at("plans").size(), 1u);
    EXPECT_EQ(view.at("plans")[0].at("done"), 1);
    EXPECT_EQ(view.at("plans")[0].at("steps")[0].at("done"), "2026-05-20");
    EXPECT_EQ(view.at("sizing").at("annual_pence"), 26'08 * 52);
    EXPECT_EQ(send("POST", "/api/v1/progression/" + id + "/close", finance, {{"status", "completed"}, {"on", "2026-09-30"}})->status, 200);
    EXPECT_EQ(json::parse(get("/api/v1/progression", finance)->body).at("completed"), 1);

    const auto kent = json::parse(get("/api/v1/progression/pathway?saving=26.08&people=507&weeks=52", sign_in("viewer"))->body);
    EXPECT_EQ(kent.at("annual_pence"), 687'573'12);
    const auto matrix = json::parse(get("/api/v1/housing/matrix", sign_in("viewer"))->body);
    EXPECT_EQ(matrix.at("levels").size(), 5u);
    EXPECT_EQ(get("/api/v1/housing/test?person=P0000001&level=3", sign_in("viewer"))->status, 403);
    const auto test = json::parse(get("/api/v1/housing/test?person=P0000001&level=3", finance)->body);
    EXPECT_EQ(test.at("options").size(), 5u);
    EXPECT_EQ(test.at("options")[0].at("difference_pence").get<int64_t>(), test.at("current_pence").get<int64_t>() - 480'00);
}

} // namespace ascent
