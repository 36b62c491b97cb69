// anxin_server — the help desk: serves the app, the helpers' console and the API,
// keeping everything in one SQLite file, or in PostgreSQL shared by several processes.
//
//   anxin_server [--port 8080] [--host 127.0.0.1] [--db anxin.db | --db postgresql://user@host:5432/anxin]
//                [--db-connections 20] [--dist dist] [--console web/console]
//                [--assets assets] [--retention-days 30] [--rate-limit 30]
//                [--coview-code-seconds 600] [--coview-minutes 30]   (screen sharing)
//                [--tls-cert cert.pem --tls-key key.pem]   (serve HTTPS itself; both PEM files)
//                [--behind-proxy [ADDR,...]]   (a reverse proxy at ADDR, default 127.0.0.1, says in X-Forwarded-Proto
//                                               and X-Forwarded-For whether a request came by HTTPS and from whom)
//   anxin_server create-helper --db anxin.db --username xiaojie --name 小杰 [--admin | --volunteer | --author]
//        (the password is read from standard input: one line, at least 8 characters)
//
// SIGTERM or Ctrl+C: finishes the requests in flight, then exits.
#include <httplib.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <signal.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <thread>

#include "core/content.h"
#include "core/content_bundle.h"
#include "server/api.h"
#include "server/kiosks.h"
#include "server/pg_store.h"
#include "server/secrets.h"
#include "server/sqlite_store.h"
#include "server/transport.h"

using namespace anxin::server;

namespace {

struct Args {
    std::string command = "serve";
    std::map<std::string, std::string> opts;
    std::string get(const std::string& k, const std::string& def) const {
        auto it = opts.find(k);
        return it == opts.end() ? def : it->second;
    }
};

bool parse_args(int argc, char** argv, Args& out) {
    int i = 1;
    if (i < argc && argv[i][0] != '-') out.command = argv[i++];
    for (; i < argc; ++i) {
        std::string a = argv[i];
        if (a.rfind("--", 0) != 0) { std::fprintf(stderr, "anxin_server: unexpected '%s'\n", a.c_str()); return false; }
        a = a.substr(2);
        if (a == "admin" || a == "volunteer" || a == "author") { out.opts[a] = "1"; continue; }
        if (a == "behind-proxy") {  // its addresses are optional
            out.opts[a] = (i + 1 < argc && argv[i + 1][0] != '-') ? argv[++i] : "127.0.0.1";
            continue;
        }
        if (i + 1 >= argc) { std::fprintf(stderr, "anxin_server: --%s needs a value\n", a.c_str()); return false; }
        out.opts[a] = argv[++i];
    }
    return true;
}

int to_int(const std::string& s, int def) {
    char* end = nullptr;
    const long v = std::strtol(s.c_str(), &end, 10);
    return (end && *end == 0 && !s.empty()) ? int(v) : def;
}

// The server's TLS from PEM files: the certificate (chain) and its private key, TLS 1.2 or
// newer. False and why (naming the file) when they cannot be used.
bool setup_tls(SSL_CTX& ctx, const std::string& cert, const std::string& key, std::string& why) {
    for (const std::string* path : {&cert, &key}) {
        FILE* f = std::fopen(path->c_str(), "rb");
        if (!f) { why = "cannot read " + std::string(path == &cert ? "--tls-cert " : "--tls-key ") + *path + ": " + std::strerror(errno); return false; }
        std::fclose(f);
    }
    auto openssl_says = [] {
        const unsigned long e = ERR_get_error();
        ERR_clear_error();
        const char* reason = e ? ERR_reason_error_string(e) : nullptr;
        return reason ? std::string(" (") + reason + ")" : std::string();
    };
    SSL_CTX_set_default_passwd_cb(&ctx, [](char*, int, int, void*) { return 0; });  // a key with a password is refused, never asked for
    SSL_CTX_set_min_proto_version(&ctx, TLS1_2_VERSION);
    SSL_CTX_set_options(&ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_SESSION_RESUMPTION_ON_RENEGOTIATION);
    if (SSL_CTX_use_certificate_chain_file(&ctx, cert.c_str()) != 1) {
        why = "--tls-cert " + cert + " is not a PEM certificate" + openssl_says();
        return false;
    }
    const bool key_loaded = SSL_CTX_use_PrivateKey_file(&ctx, key.c_str(), SSL_FILETYPE_PEM) == 1;
    if (!key_loaded && ERR_GET_REASON(ERR_peek_last_error()) != X509_R_KEY_VALUES_MISMATCH) {
        why = "--tls-key " + key + " is not a PEM private key without a password" + openssl_says();
        return false;
    }
    if (!key_loaded || SSL_CTX_check_private_key(&ctx) != 1) {
        why = "--tls-key " + key + " does not belong to the certificate " + cert + openssl_says();
        return false;
    }
    return true;
}

constexpr const char* kInstalled = "随安装包";  // the author of versions that come with an installation

int create_helper(Store& store, const Args& args) {
    Helper h;
    h.username = args.get("username", "");
    h.display_name = args.get("name", h.username);
    h.role = args.opts.count("admin")       ? "admin"
             : args.opts.count("volunteer") ? "volunteer"
             : args.opts.count("author")    ? "author"
                                            : "helper";
    std::string password;
    std::getline(std::cin, password);
    if (h.username.empty() || password.size() < 8) {
        std::fprintf(stderr, "anxin_server: create-helper needs --username and a password of at least 8 characters on stdin\n");
        return 2;
    }
    h.password_hash = hash_password(password);
    if (!store.add_helper(h)) {
        std::fprintf(stderr, "anxin_server: a helper called '%s' already exists\n", h.username.c_str());
        return 1;
    }
    std::printf("created %s '%s' (%s)\n", h.role.c_str(), h.username.c_str(), h.display_name.c_str());
    return 0;
}

// The guides the apps fetch start as the shipped ones; authors publish from there. A new
// installation whose guides differ from the ones last installed publishes them as a new
// version (a release carries its own fixes); what authors published stays in the history.
void publish_installed_guides(Store& store, const std::string& assets, const anxin::Content& content, bool again = true) {
    if (content.guides.empty()) return;
    std::vector<std::string> problems;
    const std::string files = anxin::content_files_from_assets(assets, problems);
    if (!problems.empty()) return;
    const auto versions = store.content_versions(1000);
    for (const ContentVersion& v : versions) {
        if (v.author != kInstalled) continue;
        if (auto full = store.content_version(v.id); full && full->files == files) return;  // these guides are installed already
        break;
    }
    if (!versions.empty() && versions.front().author != kInstalled)
        std::fprintf(stderr, "anxin_server: the installed guides replace version %lld (%s); it stays in the history\n",
                     (long long)versions.front().id, versions.front().author.c_str());
    // Only if no other process, starting at the same moment, published first (then it is checked again).
    const int64_t newest = versions.empty() ? 0 : versions.front().id;
    if (!store.add_content_version({0, kInstalled, versions.empty() ? "安装时的指南" : "新安装的指南", system_now(), files}, newest) && again)
        publish_installed_guides(store, assets, content, false);
}

// A postgresql:// (or postgres://) URL opens PostgreSQL; anything else is a SQLite file.
std::unique_ptr<Store> open_store(const Args& args, std::string& error) {
    const std::string db = args.get("db", "anxin.db");
    if (db.rfind("postgresql://", 0) == 0 || db.rfind("postgres://", 0) == 0) {
        const int connections = to_int(args.get("db-connections", "20"), 20);
        if (connections < 1 || connections > 100) { error = "--db-connections must be 1 to 100"; return nullptr; }
        return PgStore::open(db, error, connections);
    }
    return SqliteStore::open(db, error);
}

}  // namespace

int main(int argc, char** argv) {
    Args args;
    if (!parse_args(argc, argv, args)) return 2;
    if (!secrets_init()) { std::fprintf(stderr, "anxin_server: libsodium could not start\n"); return 1; }
    // SIGTERM/SIGINT are taken by one thread (sigwait), which stops the server cleanly. Blocked
    // before any thread starts (PostgreSQL's listener too), so none of them can be killed by one.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    std::string err;
    auto store = open_store(args, err);
    if (!store) { std::fprintf(stderr, "anxin_server: %s\n", err.c_str()); return 1; }
    if (args.command == "create-helper") {
        try {
            return create_helper(*store, args);
        } catch (const StoreUnavailable& e) {
            std::fprintf(stderr, "anxin_server: %s\n", e.what());
            return 1;
        }
    }
    if (args.command != "serve") { std::fprintf(stderr, "anxin_server: unknown command '%s'\n", args.command.c_str()); return 2; }

    const std::string tls_cert = args.get("tls-cert", ""), tls_key = args.get("tls-key", "");
    if (tls_cert.empty() != tls_key.empty()) { std::fprintf(stderr, "anxin_server: HTTPS needs both --tls-cert and --tls-key\n"); return 2; }

    ApiConfig cfg;
    cfg.transport.tls = !tls_cert.empty();
    if (args.opts.count("behind-proxy")) {
        cfg.transport.trusted_proxies = parse_address_list(args.get("behind-proxy", ""));
        if (cfg.transport.trusted_proxies.empty()) { std::fprintf(stderr, "anxin_server: --behind-proxy needs the proxy's addresses\n"); return 2; }
    }
    cfg.dist_dir = args.get("dist", "dist");
    cfg.console_dir = args.get("console", "web/console");
    cfg.public_rate_per_minute = to_int(args.get("rate-limit", "30"), 30);
    // Screen sharing: how long a code lives and a session lasts (shorter only for tests).
    cfg.coview.code_ttl = Millis(to_int(args.get("coview-code-seconds", "600"), 600)) * 1000;
    cfg.coview.max_live = Millis(to_int(args.get("coview-minutes", "30"), 30)) * 60 * 1000;
    cfg.assets_dir = args.get("assets", "assets");
    const anxin::Content content = anxin::load_content(cfg.assets_dir);
    for (const auto& p : content.problems) std::fprintf(stderr, "anxin_server: content: %s\n", p.c_str());
    if (content.guides.empty()) std::fprintf(stderr, "anxin_server: warning: no guides found under --assets\n");
    anxin::LoadedBundle newest;
    try {
        publish_installed_guides(*store, cfg.assets_dir, content);
        // Requests may name the guides of the newest published version (it may have new ones).
        if (auto v = store->content_version(0))
            newest = anxin::load_content_bundle(anxin::content_bundle(v->id, v->files), cfg.assets_dir);
    } catch (const StoreUnavailable& e) {
        std::fprintf(stderr, "anxin_server: %s\n", e.what());
        return 1;
    }
    const anxin::Content& guides = newest.ok ? newest.content : content;
    const int retention_days = to_int(args.get("retention-days", "30"), 30);

    std::unique_ptr<httplib::Server> server;
    if (cfg.transport.tls) {
        std::string why;
        server = std::make_unique<httplib::SSLServer>([&](SSL_CTX& ctx) { return setup_tls(ctx, tls_cert, tls_key, why); });
        if (!server->is_valid()) {
            std::fprintf(stderr, "anxin_server: %s\n", why.empty() ? ("TLS could not start with " + tls_cert + " and " + tls_key).c_str() : why.c_str());
            return 1;
        }
    } else {
        server = std::make_unique<httplib::Server>();
    }
    httplib::Server& svr = *server;
    // Each open connection (a live console, a keep-alive client) holds a thread while it lasts.
    svr.new_task_queue = [] { return new httplib::ThreadPool(512); };
    // Keep a client's connection for many requests: httplib's default closes it after 5, and
    // under load the reconnections overflow its short listen queue (a dropped SYN costs 1 s).
    svr.set_keep_alive_max_count(10000);
    // An answer's headers and body are separate writes: without this, the body waits for the
    // client's delayed acknowledgement of the headers (about 40 ms on every request).
    svr.set_tcp_nodelay(true);
    // httplib listens with a queue of 5 connections: 200 apps connecting at once would have
    // their SYNs dropped (each costs a 1 s retry). The socket is kept to listen again with more.
    int listening_fd = -1;
    svr.set_socket_options([&listening_fd](socket_t fd) {
        int yes = 1;  // not httplib's SO_REUSEPORT: a second server on the same port must fail, not share it
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        listening_fd = fd;
    });
    HelpApi api(*store, cfg, guides, system_now);
    api.install(svr);

    const std::string host = args.get("host", "127.0.0.1");
    int port = to_int(args.get("port", "8080"), 8080);
    if (port == 0) port = svr.bind_to_any_port(host);
    else if (!svr.bind_to_port(host, port)) port = -1;
    if (port <= 0) { std::fprintf(stderr, "anxin_server: cannot listen on %s:%s\n", host.c_str(), args.get("port", "8080").c_str()); return 1; }
    if (listening_fd >= 0) ::listen(listening_fd, SOMAXCONN);

    std::atomic<bool> done{false};
    std::thread housekeeping([&] {  // overdue promises escalate; old personal data, kiosks and sessions go
        for (int tick = 0; !done; ++tick) {
            const Millis t = system_now();
            // Each step on its own: the database being away must not stop sharing and classes expiring.
            auto step = [&](auto&& fn) {
                try {
                    fn();
                } catch (const std::exception& e) {  // the database is away: try again next second
                    if (tick % 30 == 0) std::fprintf(stderr, "anxin_server: %s\n", e.what());
                }
            };
            step([&] { store->escalate_overdue(t); });
            step([&] { api.housekeeping(t); });  // screen sharing that timed out ends, and is forgotten
            if (tick % 600 == 0) {  // every 10 minutes, what is past its time goes
                step([&] { store->delete_personal_data(t - Millis(retention_days) * 24 * 3600 * 1000); });
                step([&] { store->forget_kiosks(t - KioskRegistry::kForgetMs); });
                step([&] { store->delete_expired_sessions(t); });
            }
            for (int i = 0; i < 10 && !done; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    });
    std::thread stopper([&] {
        int sig = 0;
        sigwait(&stop_signals, &sig);
        if (done) return;
        std::fprintf(stderr, "anxin_server: stopping (signal %d)\n", sig);
        api.stop();
        // The URL is printed just before the server listens: a signal right after it would find
        // nothing to stop, and the server would then listen for ever. Wait until it listens.
        while (!svr.is_running() && !done) std::this_thread::sleep_for(std::chrono::milliseconds(5));
        svr.stop();
    });

    const char* scheme = cfg.transport.tls ? "https" : "http";
    std::printf("%s://localhost:%d/\n", scheme, port);
    std::printf("helpers' console: %s://localhost:%d/console/\n", scheme, port);
    std::fflush(stdout);
    svr.listen_after_bind();
    done = true;
    housekeeping.join();
    pthread_kill(stopper.native_handle(), SIGTERM);  // wake it if the server stopped by itself
    stopper.join();
    std::fprintf(stderr, "anxin_server: stopped\n");
    return 0;
}
