// Roles: what each kind of user may see and do. Users, passwords and the audit trail are Council
// operations (app/accounts.cpp); this header is what the front ends check permissions with.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ascent::app {

// Ordered: each role may do everything the ones before it may.
enum class Role : uint8_t {
    viewer,  // aggregates: the dashboard, opportunities' totals, cases and benchmarks
    analyst, // and modelling: edit business cases, run charging simulations
    finance, // and person-level data: people, explanations, worklists and exports
    admin    // and users and the audit trail
};

std::optional<Role> parse_role(std::string_view text);
std::string_view to_string(Role role);
inline bool may_model(Role role) { return role >= Role::analyst; }
inline bool sees_people(Role role) { return role >= Role::finance; }
inline bool administers(Role role) { return role == Role::admin; }

struct SignedIn {
    std::string name;
    Role role = Role::viewer;
};

// 32 random bytes as 64 hex digits (session and CSRF tokens).
std::string random_token();
// 20 random characters from an alphabet without look-alikes (about 115 bits): a password to print once.
std::string generate_password();

// Passwords need at least this many characters (NCSC guidance favours length over composition rules).
inline constexpr std::size_t k_min_password_length = 12;

} // namespace ascent::app
