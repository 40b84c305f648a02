// Sign-in, health, the OpenAPI document, users and the audit trail.
#include <fmt/format.h>

#include "server/api.hpp"
#include "app/json_views.hpp"

namespace ascent::server {

extern const std::vector<std::string_view> k_openapi; // generated from docs/openapi.yaml

namespace {

using app::Role;

std::string session_cookie(const Call &call, const std::string &value, bool expire) {
    return fmt::format("ascent_session={}; Path=/; HttpOnly; SameSite=Strict{}{}", value,
                       call.options.secure_cookies ? "; Secure" : "", expire ? "; Max-Age=0" : "");
}

json session_json(const Session &s) {
    return {{"name", s.user.name}, {"role", app::to_string(s.user.role)}, {"csrf", s.csrf},
            {"sees_people", app::sees_people(s.user.role)}, {"may_model", app::may_model(s.user.role)},
            {"administers", app::administers(s.user.role)}};
}

Role role_in(const json &body) {
    const auto role = app::parse_role(body.at("role").get<std::string>());
    if (!role) throw ApiError{400, "bad_role", "role must be viewer, analyst, finance or admin"};
    return *role;
}

Reply sign_in(Call &call) {
    const auto name = text_field(call.body, "name");
    const auto password = text_field(call.body, "password");
    if (const auto wait = call.sessions.sign_in_wait(name, call.client); wait.count() > 0) {
        call.engine.with_council("-", [&](app::Council &c) { c.audit(name, "sign_in_refused", name, "too many failed attempts"); });
        throw ApiError{429, "too_many_attempts",
                       fmt::format("too many failed sign-ins for this name or from this address: try again in {} seconds", wait.count())};
    }
    const auto user = call.engine.with_council("-", [&](app::Council &c) { return c.sign_in(name, password); });
    if (!user) {
        call.sessions.sign_in_failed(name, call.client);
        throw ApiError{401, "sign_in_failed", "the name or password is wrong, or the account is disabled"};
    }
    call.sessions.sign_in_succeeded(name);
    const auto session = call.sessions.start(*user);
    Reply reply{200, session_json(session)};
    reply.headers.emplace_back("Set-Cookie", session_cookie(call, session.token, false));
    return reply;
}

Reply sign_out(Call &call) {
    call.sessions.end(call.session->token);
    call.engine.with_council(call.user(), [&](app::Council &c) { c.audit(call.user(), "sign_out", call.user()); });
    Reply reply{204, {}};
    reply.headers.emplace_back("Set-Cookie", session_cookie(call, "", true));
    return reply;
}

Reply health(Call &call) {
    const auto summary = call.engine.summary();
    return {200, {{"status", "ok"}, {"as_at", summary->as_at.iso()}}};
}

Reply openapi(Call &) {
    Reply reply;
    reply.content = std::string(k_openapi.at(0));
    reply.content_type = "application/yaml";
    return reply;
}

Reply users(Call &call) {
    json out = json::array();
    for (const auto &u : call.engine.with_council(call.user(), [](app::Council &c) { return c.users(); }))
        out.push_back({{"name", u.name}, {"role", u.role}, {"disabled", u.disabled}, {"created_at", u.created_at}});
    return {200, out};
}

Reply add_user(Call &call) {
    const auto name = text_field(call.body, "name");
    const auto role = role_in(call.body);
    call.engine.with_council(call.user(), [&](app::Council &c) { c.create_user(name, text_field(call.body, "password"), role, call.user()); });
    return {201, {{"name", name}, {"role", app::to_string(role)}}};
}

Reply change_user(Call &call) {
    const auto &name = call.params.at(0);
    const auto &b = call.body;
    if (!b.is_object()) throw ApiError{400, "bad_request", "send the changes as a JSON object: role, disabled, password"};
    call.engine.with_council(call.user(), [&](app::Council &c) {
        if (b.contains("role")) c.set_role(name, role_in(b), call.user());
        if (b.contains("disabled")) c.set_disabled(name, b.at("disabled").get<bool>(), call.user());
        if (b.contains("password")) c.set_password(name, text_field(b, "password"), call.user());
    });
    call.sessions.end_all_of(name); // a changed account signs in again under its new terms
    return {200, {{"name", name}}};
}

Reply audit(Call &call) {
    const auto after = static_cast<int64_t>(call.query_count("after", 0, SIZE_MAX >> 1));
    const auto limit = call.query_count("limit", 200, 5000);
    json out = json::array();
    for (const auto &e : call.engine.with_council(call.user(), [&](app::Council &c) { return c.audit_events(after, limit); }))
        out.push_back(audit_json(e));
    return {200, out};
}

Reply audit_csv(Call &call) {
    Reply reply;
    reply.content_type = "text/csv; charset=utf-8";
    reply.file_name = "audit-trail.csv";
    call.engine.with_council(call.user(), [&](app::Council &c) {
        const auto events = c.audit_events(0, SIZE_MAX >> 1);
        reply.content = app::audit_csv(events);
        c.audit(call.user(), "export", "audit trail", std::to_string(events.size()) + " events");
    });
    return reply;
}

} // namespace

void add_session_routes(std::vector<Route> &routes) {
    routes.push_back({{"POST", "/api/v1/session", std::nullopt, "Sign in with a name and password"}, sign_in});
    routes.push_back({{"GET", "/api/v1/session", Role::viewer, "Who is signed in, their role and CSRF token"},
                      [](Call &call) { return Reply{200, session_json(*call.session)}; }});
    routes.push_back({{"DELETE", "/api/v1/session", Role::viewer, "Sign out"}, sign_out});
    routes.push_back({{"GET", "/api/v1/health", std::nullopt, "Whether the server is up, and the ledger's date"}, health});
    routes.push_back({{"GET", "/api/v1/openapi.yaml", std::nullopt, "This API's OpenAPI document"}, openapi});
}

void add_admin_routes(std::vector<Route> &routes) {
    routes.push_back({{"GET", "/api/v1/users", Role::admin, "Every user with role and state"}, users});
    routes.push_back({{"POST", "/api/v1/users", Role::admin, "Add a user"}, add_user});
    routes.push_back({{"PATCH", "/api/v1/users/{name}", Role::admin, "Change a user's role, state or password"}, change_user});
    routes.push_back({{"GET", "/api/v1/audit", Role::admin, "The audit trail, oldest first"}, audit});
    routes.push_back({{"GET", "/api/v1/audit.csv", Role::admin, "The whole audit trail as CSV (audited)"}, audit_csv});
}

} // namespace ascent::server
