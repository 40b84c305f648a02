#include "server/connections.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace ascent::server {

namespace {

using Clock = std::chrono::steady_clock;

// One client connection, owned by the poll thread while it waits and by a worker while it is served.
struct Conn {
    int fd = -1;
    std::string peer;
    int peer_port = 0;
    std::string buf;     // received and not yet read by httplib, from `off`
    std::size_t off = 0;
    Clock::time_point deadline;
    bool started = false; // a byte of the next request has arrived
    bool closing = false; // replied and half-closed: what the client still sends is read and dropped
    bool close_after = false, timed_out = false;
    std::size_t served = 0;

    bool has_header() const { return buf.find("\r\n\r\n", off) != std::string::npos; }
    std::size_t buffered() const { return buf.size() - off; }
};

thread_local Conn *t_current = nullptr; // the connection a worker is serving

std::string address_of(const sockaddr_storage &addr, int &port) {
    char text[INET6_ADDRSTRLEN] = {};
    if (addr.ss_family == AF_INET) {
        const auto &a = reinterpret_cast<const sockaddr_in &>(addr);
        inet_ntop(AF_INET, &a.sin_addr, text, sizeof text);
        port = ntohs(a.sin_port);
    } else if (addr.ss_family == AF_INET6) {
        const auto &a = reinterpret_cast<const sockaddr_in6 &>(addr);
        inet_ntop(AF_INET6, &a.sin6_addr, text, sizeof text);
        port = ntohs(a.sin6_port);
    }
    return text;
}

int wait_for(int fd, short events, Clock::duration within) {
    pollfd p{fd, events, 0};
    const auto ms = std::chrono::ceil<std::chrono::milliseconds>(std::max(within, Clock::duration::zero())).count();
    for (;;) {
        const int n = ::poll(&p, 1, static_cast<int>(std::min<int64_t>(ms, 1 << 30)));
        if (n >= 0 || errno != EINTR) return n;
    }
}

std::string plain_reply(int status, std::string_view reason, std::string_view code, std::string_view message) {
    const auto body = fmt::format(R"({{"error":{{"code":"{}","message":"{}"}}}})", code, message);
    return fmt::format("HTTP/1.1 {} {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{}",
                       status, reason, body.size(), body);
}

// httplib reads a request from this: first what the poll thread received (the whole header, maybe
// some body), then the socket, at no less than the body's minimum rate.
class ConnStream final : public httplib::Stream {
public:
    ConnStream(Conn &conn, const ConnectionLimits &limits) : c_(conn), limits_(limits), start_(Clock::now()) {}

    bool is_readable() const override {
        return c_.buffered() > 0 || wait_for(c_.fd, POLLIN, body_deadline() - Clock::now()) > 0;
    }
    bool is_writable() const override { return wait_for(c_.fd, POLLOUT, limits_.write_timeout) > 0; }

    ssize_t read(char *ptr, size_t size) override {
        if (c_.buffered() > 0) {
            const auto n = std::min(size, c_.buffered());
            std::memcpy(ptr, c_.buf.data() + c_.off, n);
            c_.off += n;
            return static_cast<ssize_t>(n);
        }
        for (;;) {
            const int ready = wait_for(c_.fd, POLLIN, body_deadline() - Clock::now());
            if (ready <= 0) {
                c_.timed_out = ready == 0;
                return -1;
            }
            const auto n = ::recv(c_.fd, ptr, size, MSG_DONTWAIT);
            if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
            if (n > 0) from_socket_ += static_cast<std::size_t>(n);
            return n;
        }
    }

    ssize_t write(const char *ptr, size_t size) override {
        for (;;) {
            if (wait_for(c_.fd, POLLOUT, limits_.write_timeout) <= 0) return -1;
            const auto n = ::send(c_.fd, ptr, size, MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
            return n;
        }
    }

    void get_remote_ip_and_port(std::string &ip, int &port) const override {
        ip = c_.peer;
        port = c_.peer_port;
    }
    void get_local_ip_and_port(std::string &ip, int &port) const override {
        sockaddr_storage addr{};
        socklen_t len = sizeof addr;
        if (::getsockname(c_.fd, reinterpret_cast<sockaddr *>(&addr), &len) == 0) ip = address_of(addr, port);
    }
    socket_t socket() const override { return c_.fd; }

private:
    // The body may take `body_grace`, and a further second for each `body_min_rate` bytes received.
    Clock::time_point body_deadline() const {
        return start_ + limits_.body_grace +
               std::chrono::milliseconds(from_socket_ * 1000 / std::max<std::size_t>(limits_.body_min_rate, 1));
    }

    Conn &c_;
    const ConnectionLimits &limits_;
    Clock::time_point start_;
    std::size_t from_socket_ = 0;
};

// httplib hands each accepted socket to its task queue; this one runs the hand-over at once, on the
// accepting thread, since HardenedServer::process_and_close_socket only passes the socket on.
class AtOnce final : public httplib::TaskQueue {
public:
    void enqueue(std::function<void()> fn) override { fn(); }
    void shutdown() override {}
};

} // namespace

struct HardenedServer::Impl {
    HardenedServer &server;
    ConnectionLimits limits;
    int wake = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);

    std::mutex mutex; // guards everything below
    std::condition_variable work;
    std::vector<std::unique_ptr<Conn>> incoming; // for the poll thread: new, served, or to be closed
    std::deque<std::unique_ptr<Conn>> ready;     // a complete header: for a worker
    std::unordered_map<std::string, std::size_t> per_client;
    std::size_t open = 0;
    bool stopping = false;

    std::thread poller;
    std::vector<std::thread> workers;

    Impl(HardenedServer &s, ConnectionLimits l) : server(s), limits(l) {
        poller = std::thread([this] { poll_loop(); });
        for (std::size_t i = 0; i < limits.workers; ++i) workers.emplace_back([this] { work_loop(); });
    }

    ~Impl() {
        {
            std::lock_guard lock(mutex);
            stopping = true;
        }
        work.notify_all();
        notify_poller();
        poller.join();
        for (auto &t : workers) t.join();
        for (auto &c : incoming) close_now(*c);
        for (auto &c : ready) close_now(*c);
        ::close(wake);
    }

    void notify_poller() const {
        const uint64_t one = 1;
        [[maybe_unused]] const auto n = ::write(wake, &one, sizeof one);
    }

    void to_poller(std::unique_ptr<Conn> c) {
        {
            std::lock_guard lock(mutex);
            incoming.push_back(std::move(c));
        }
        notify_poller();
    }

    void close_now(Conn &c) {
        ::close(c.fd);
        std::lock_guard lock(mutex);
        if (auto it = per_client.find(c.peer); it != per_client.end() && --it->second == 0) per_client.erase(it);
        --open;
    }

    // Sends a short reply (best effort: it is small) and half-closes; the poll thread reads what the
    // client still sends for a moment before closing, so the reply is not lost to a reset.
    void refuse(Conn &c, std::string_view reply) {
        [[maybe_unused]] const auto n = ::send(c.fd, reply.data(), reply.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
        linger(c);
    }
    static void linger(Conn &c) {
        ::shutdown(c.fd, SHUT_WR);
        c.closing = true;
        c.deadline = Clock::now() + std::chrono::seconds(1);
    }

    void admit(int fd) {
        auto c = std::make_unique<Conn>();
        c->fd = fd;
        sockaddr_storage addr{};
        socklen_t len = sizeof addr;
        if (::getpeername(fd, reinterpret_cast<sockaddr *>(&addr), &len) == 0) c->peer = address_of(addr, c->peer_port);
        const int on = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
        c->deadline = Clock::now() + limits.header_deadline;
        bool over = false;
        {
            std::lock_guard lock(mutex);
            if (stopping) {
                ::close(fd);
                return;
            }
            over = open >= limits.total || per_client[c->peer] >= limits.per_client;
            ++open;
            ++per_client[c->peer];
        }
        if (over) refuse(*c, plain_reply(503, "Service Unavailable", "too_many_connections",
                                         "too many connections from this address, or to this server: try again shortly"));
        to_poller(std::move(c));
    }

    // A connection's next request has its whole header: to a worker, unless the queue is full.
    void to_worker(std::unique_ptr<Conn> c) {
        {
            std::lock_guard lock(mutex);
            if (ready.size() < limits.queue) {
                ready.push_back(std::move(c));
                work.notify_one();
                return;
            }
        }
        refuse(*c, plain_reply(503, "Service Unavailable", "busy", "the server is busy: try again shortly"));
        to_poller(std::move(c));
    }

    // What the poll thread does with a waiting connection that is readable, or whose time is up.
    enum class Next { wait, serve, close };
    Next on_event(Conn &c, bool readable, Clock::time_point now) {
        if (readable) {
            char chunk[16384];
            const auto n = ::recv(c.fd, chunk, sizeof chunk, MSG_DONTWAIT);
            if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) return Next::close;
            if (n > 0 && c.closing) return Next::wait; // dropped
            if (n > 0) {
                if (!c.started) {
                    c.started = true;
                    c.deadline = now + limits.header_deadline;
                }
                c.buf.append(chunk, static_cast<std::size_t>(n));
                if (c.has_header()) return Next::serve;
                if (c.buffered() > limits.max_header_bytes) {
                    refuse(c, plain_reply(431, "Request Header Fields Too Large", "header_too_large",
                                          "the request's header is too large"));
                    return Next::wait;
                }
            }
        }
        if (now < c.deadline) return Next::wait;
        if (c.closing || !c.started) return Next::close; // lingered enough, or idle
        refuse(c, plain_reply(408, "Request Timeout", "header_timeout", "the request's header took too long to arrive"));
        return Next::wait;
    }

    void poll_loop() {
        std::vector<std::unique_ptr<Conn>> waiting;
        std::vector<pollfd> fds;
        for (;;) {
            std::vector<std::unique_ptr<Conn>> arrived;
            {
                std::lock_guard lock(mutex);
                if (stopping) break;
                arrived.swap(incoming);
            }
            for (auto &c : arrived) {
                if (!c->closing && c->has_header()) to_worker(std::move(c)); // a pipelined request
                else waiting.push_back(std::move(c));
            }
            auto now = Clock::now();
            Clock::duration timeout = std::chrono::seconds(1);
            fds.assign(1, pollfd{wake, POLLIN, 0});
            for (const auto &c : waiting) {
                fds.push_back({c->fd, POLLIN, 0});
                timeout = std::min(timeout, c->deadline - now);
            }
            const auto ms = std::chrono::ceil<std::chrono::milliseconds>(std::max(timeout, Clock::duration::zero())).count();
            if (::poll(fds.data(), fds.size(), static_cast<int>(ms)) < 0 && errno != EINTR) continue;
            if (fds[0].revents != 0) {
                uint64_t count = 0;
                [[maybe_unused]] const auto n = ::read(wake, &count, sizeof count);
            }
            now = Clock::now();
            std::vector<std::unique_ptr<Conn>> still;
            for (std::size_t i = 0; i < waiting.size(); ++i) {
                auto &c = waiting[i];
                switch (on_event(*c, fds[i + 1].revents != 0, now)) {
                case Next::wait: still.push_back(std::move(c)); break;
                case Next::serve: to_worker(std::move(c)); break;
                case Next::close: close_now(*c); break;
                }
            }
            waiting.swap(still);
        }
        for (auto &c : waiting) close_now(*c);
    }

    void work_loop() {
        for (;;) {
            std::unique_ptr<Conn> c;
            {
                std::unique_lock lock(mutex);
                work.wait(lock, [&] { return stopping || !ready.empty(); });
                if (stopping) return;
                c = std::move(ready.front());
                ready.pop_front();
            }
            serve(std::move(c));
        }
    }

    void serve(std::unique_ptr<Conn> c) {
        const bool last = c->served + 1 >= limits.keep_alive_requests;
        bool closed_by_client = false;
        bool ok = false;
        {
            ConnStream stream(*c, limits);
            t_current = c.get();
            ok = server.process_request(stream, last, closed_by_client, nullptr);
            t_current = nullptr;
        }
        ++c->served;
        c->buf.erase(0, c->off);
        c->off = 0;
        if (!ok && !c->timed_out) {
            close_now(*c);
            return;
        }
        if (!ok || last || closed_by_client || c->close_after || c->timed_out || server.svr_sock_ == INVALID_SOCKET) linger(*c);
        c->started = !c->buf.empty();
        if (!c->closing) c->deadline = Clock::now() + (c->started ? limits.header_deadline : limits.idle);
        to_poller(std::move(c));
    }
};

HardenedServer::HardenedServer(ConnectionLimits limits) {
    // The poll thread holds every connection: the process may need more descriptors than the usual 1,024.
    rlimit files{};
    if (::getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < limits.total + 64) {
        files.rlim_cur = std::min<rlim_t>(files.rlim_max, limits.total + 64);
        ::setrlimit(RLIMIT_NOFILE, &files);
    }
    new_task_queue = [] { return new AtOnce; };
    set_keep_alive_max_count(limits.keep_alive_requests);
    set_keep_alive_timeout(std::chrono::duration_cast<std::chrono::seconds>(limits.idle).count());
    impl_ = std::make_unique<Impl>(*this, limits);
}

HardenedServer::~HardenedServer() = default;

void HardenedServer::close_after_reply() {
    if (t_current != nullptr) t_current->close_after = true;
}

bool HardenedServer::process_and_close_socket(socket_t sock) {
    impl_->admit(sock);
    return true;
}

std::string framing_problem(const httplib::Request &req) {
    const auto count = req.get_header_value_count("Content-Length");
    const auto length = req.get_header_value("Content-Length");
    const bool chunked = req.has_header("Transfer-Encoding");
    if (count > 1) return "the request has several Content-Length headers";
    if (count == 1 && (length.empty() || !std::all_of(length.begin(), length.end(), [](char ch) { return ch >= '0' && ch <= '9'; })))
        return "the request's Content-Length is not a whole number";
    if (chunked && count > 0) return "the request has both Content-Length and Transfer-Encoding";
    if (chunked) {
        auto te = req.get_header_value("Transfer-Encoding");
        std::transform(te.begin(), te.end(), te.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
        if (te != "chunked" || req.get_header_value_count("Transfer-Encoding") > 1)
            return "the request's Transfer-Encoding must be chunked alone";
    }
    const bool takes_body = req.method == "POST" || req.method == "PUT" || req.method == "PATCH" || req.method == "DELETE";
    if (!takes_body && (chunked || (count == 1 && std::any_of(length.begin(), length.end(), [](char ch) { return ch != '0'; }))))
        return fmt::format("a {} request must not have a body", req.method);
    return {};
}

} // namespace ascent::server
