#include "cli/serve_command.hpp"

#include <fmt/format.h>

#include <csignal>
#include <iostream>

#include "app/council.hpp"

namespace ascent::cli {

namespace {
server::ApiServer *g_running = nullptr; // for the signal handler only
extern "C" void stop_serving(int) {
    if (g_running != nullptr) g_running->stop();
}
} // namespace

ServeCommand::ServeCommand(CLI::App &app, const std::string &db) : db_(db) {
    serve_ = app.add_subcommand("serve", "Serve the API and the browser UI on this machine (Ctrl-C stops)");
    serve_->add_option("--host", options_.host, "Address to listen on; keep 127.0.0.1 unless behind an HTTPS proxy")->capture_default_str();
    serve_->add_option("--port", options_.port, "Port (0: any free one)")->capture_default_str();
    serve_->add_flag("--secure-cookies", options_.secure_cookies, "Mark the session cookie Secure (when served over HTTPS)");
    serve_->add_option("--web-dir", options_.web_dir, "Serve the UI from this folder instead of the built-in copy (development)");
    serve_->add_option("--national-data", options_.national_data, "Folder of national data for benchmarks: ascof/, and ascfr/ with ons_mye/")
        ->check(CLI::ExistingDirectory);
    serve_->add_option("--threads", options_.threads, "Requests worked on at once")->capture_default_str()->check(CLI::Range(1, 1024));
    serve_->add_option("--connections-per-client", options_.connections_per_client,
                       "Open connections one address may hold (raise it behind a reverse proxy)")
        ->capture_default_str()->check(CLI::Range(1, 4096));
    serve_->add_option("--trusted-proxy", options_.trusted_proxy,
                       "The reverse proxy's address: sign-in limits then count the client address it adds to X-Forwarded-For");
    serve_->add_option("--council", options_.council, "The council's name or code in the national data (the benchmarks' default)");
    serve_->add_option("--programme", options_.programme, "A programme file: its cases (latest stored versions), lines and targets")
        ->check(CLI::ExistingFile);
}

std::optional<int> ServeCommand::run() {
    if (!*serve_) return std::nullopt;
    options_.database = db_;
    const bool no_users = app::Council(db_).users().empty();
    std::cerr << "Loading the ledger and finding opportunities…\n";
    server::ApiServer server(options_);
    const int port = server.bind();
    g_running = &server;
    std::signal(SIGINT, stop_serving);
    std::signal(SIGTERM, stop_serving);
    std::cout << fmt::format("ascent is serving {} at http://{}:{}/\n", db_, options_.host, port);
    if (no_users)
        std::cout << "No users yet: add the first admin with `ascent --db " << db_ << " user add NAME --role admin`.\n";
    std::cout << "Press Ctrl-C to stop." << std::endl;
    server.run();
    g_running = nullptr;
    return 0;
}

} // namespace ascent::cli
