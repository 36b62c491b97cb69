// The console's accounts and records (see api.h's table): anyone changes their own
// password; admins add, disable, enable and reset accounts, read the audit log, and
// find or delete a person's data on their request. Every change and every look at a
// phone number here goes into the audit log.

#include <httplib.h>

#include <algorithm>
#include <functional>
#include <nlohmann/json.hpp>

#include "core/settings.h"
#include "server/api.h"
#include "server/api_util.h"
#include "server/secrets.h"

namespace anxin::server {

using nlohmann::json;

namespace {

bool good_password(const std::string& p) { return p.size() >= 8 && p.size() <= 128; }

bool good_username(const std::string& u) {
    return !u.empty() && u.size() <= 32 && u.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789._-") == std::string::npos;
}

// A number as the app stores it ("+86 138 0013-8000" → "+8613800138000"), or "" if it is not one.
std::string stored_phone(const std::string& p) {
    return is_valid_callback_number(p) ? normalise_phone(p) : std::string();
}

json account_json(const Helper& h) {
    return json{{"id", h.id}, {"username", h.username}, {"name", h.display_name}, {"role", h.role}, {"disabled", h.disabled}};
}

}  // namespace

void HelpApi::install_accounts(httplib::Server& svr) {
    Store& store = store_;
    auto& now = now_;

    // An admin and their session, or an error reply (401/403) and nullopt.
    auto admin = [this](const httplib::Request& req, httplib::Response& res, bool state_change) {
        auto a = signed_in(req, res, state_change, false);
        if (a && a->first.role != "admin") {
            error(res, 403, "only an admin manages accounts and personal data");
            return decltype(a)();
        }
        return a;
    };

    // ---- One's own password: the old one proves it is them; their other sessions end.
    svr.Post("/api/console/password", [&, this](const httplib::Request& req, httplib::Response& res) {
        auto a = signed_in(req, res, true, false);
        if (!a) return;
        const json j = parse_body(req, res);
        if (j.is_discarded()) return;
        const std::string old_password = text_field(j, "old"), new_password = text_field(j, "new");
        if (!good_password(new_password)) return error(res, 400, "the new password must be 8 to 128 characters");
        auto me = store.helper_by_id(a->first.id);  // signed_in's copy is fine, but read the hash fresh
        if (!me || !verify_password(me->password_hash, old_password)) return error(res, 403, "the old password is wrong");
        if (!store.set_password(me->id, hash_password(new_password), hash_token(cookie_token(req))))
            return error(res, 503, "the password could not be saved; please try again");
        store.add_audit(me->id, "改了自己的密码", me->username, now());
        reply(res, 200, json{{"ok", true}});
    });

    // ---- Accounts (admins)
    svr.Get("/api/console/accounts", [&, admin](const httplib::Request& req, httplib::Response& res) {
        if (!admin(req, res, false)) return;
        json list = json::array();
        for (const Helper& h : store.helpers()) list.push_back(account_json(h));
        reply(res, 200, json{{"accounts", list}});
    });

    svr.Post("/api/console/accounts", [&, admin](const httplib::Request& req, httplib::Response& res) {
        auto a = admin(req, res, true);
        if (!a) return;
        const json j = parse_body(req, res);
        if (j.is_discarded()) return;
        Helper h;
        h.username = text_field(j, "username");
        h.display_name = text_field(j, "name");
        h.role = text_field(j, "role");
        const std::string password = text_field(j, "password");
        if (!good_username(h.username)) return error(res, 400, "username: 1 to 32 of a-z, 0-9, '.', '_', '-'");
        if (!is_clean_text(h.display_name, 16)) return error(res, 400, "name: 1 to 16 characters, as seniors will see it");
        if (h.role != "helper" && h.role != "author" && h.role != "admin" && h.role != "volunteer")
            return error(res, 400, "role must be helper, author, admin or volunteer");
        if (!good_password(password)) return error(res, 400, "password: 8 to 128 characters");
        h.password_hash = hash_password(password);
        if (!store.add_helper(h)) return error(res, 409, "that username is taken");
        store.add_audit(a->first.id, "建了账号", h.username, now());
        auto made = store.helper_by_username(h.username);
        reply(res, 201, account_json(made ? *made : h));
    });

    // Disable, enable, reset: the account named by its id; the subject in the log is its username.
    auto change = [&, admin](const httplib::Request& req, httplib::Response& res, const char* action,
                             const std::function<bool(const Helper& me, const Helper& them)>& apply) {
        auto a = admin(req, res, true);
        if (!a) return;
        auto them = store.helper_by_id(std::stoll(req.matches[1]));
        if (!them) return error(res, 404, "no such account");
        if (!apply(a->first, *them)) return;
        store.add_audit(a->first.id, action, them->username, now());
        auto after = store.helper_by_id(them->id);
        reply(res, 200, account_json(after ? *after : *them));
    };
    svr.Post(R"(/api/console/accounts/(\d{1,18})/disable)", [&, change](const httplib::Request& req, httplib::Response& res) {
        change(req, res, "停用了账号", [&](const Helper& me, const Helper& them) {
            if (me.id == them.id) { error(res, 400, "you cannot disable your own account"); return false; }
            if (!store.set_disabled(them.id, true)) { error(res, 404, "no such account"); return false; }
            return true;
        });
    });
    svr.Post(R"(/api/console/accounts/(\d{1,18})/enable)", [&, change](const httplib::Request& req, httplib::Response& res) {
        change(req, res, "重新启用了账号", [&](const Helper&, const Helper& them) {
            if (!store.set_disabled(them.id, false)) { error(res, 404, "no such account"); return false; }
            return true;
        });
    });
    svr.Post(R"(/api/console/accounts/(\d{1,18})/password)", [&, change](const httplib::Request& req, httplib::Response& res) {
        change(req, res, "重设了密码", [&](const Helper& me, const Helper& them) {
            const json j = parse_body(req, res);
            if (j.is_discarded()) return false;
            const std::string password = text_field(j, "password");
            if (!good_password(password)) { error(res, 400, "password: 8 to 128 characters"); return false; }
            // Every session of that account ends (an admin resetting their own keeps this one).
            const std::string keep = me.id == them.id ? hash_token(cookie_token(req)) : std::string();
            if (!store.set_password(them.id, hash_password(password), keep)) { error(res, 404, "no such account"); return false; }
            return true;
        });
    });

    // ---- The audit log (admins)
    svr.Get("/api/console/audit", [&, admin](const httplib::Request& req, httplib::Response& res) {
        if (!admin(req, res, false)) return;
        int limit = 200;
        if (auto n = whole_number(req.get_param_value("limit"), 6)) limit = int(std::clamp<uint64_t>(*n, 1, 1000));
        json list = json::array();
        for (const AuditEntry& e : store.audit_log(limit))
            list.push_back(json{{"id", e.id}, {"at", e.at}, {"helper", e.helper_name}, {"action", e.action}, {"subject", e.subject}});
        reply(res, 200, json{{"entries", list}});
    });

    // ---- A person's data, found and deleted on their request (admins; both audited)
    svr.Get("/api/console/people", [&, admin](const httplib::Request& req, httplib::Response& res) {
        auto a = admin(req, res, false);
        if (!a) return;
        const std::string phone = stored_phone(req.get_param_value("phone"));
        if (phone.empty()) return error(res, 400, "phone must be a phone number of 7 to 15 digits");
        store.add_audit(a->first.id, "查了号码", phone, now());
        json list = json::array();
        for (const HelpRequest& r : store.requests_by_phone(phone)) {
            json ctx = json::parse(r.context_json, nullptr, false);
            list.push_back(json{{"id", r.id}, {"phone", r.phone}, {"status", status_name(r.status)}, {"helper", r.helper_name},
                                {"context", ctx.is_discarded() ? json::object() : ctx}, {"outcome", r.outcome},
                                {"created_at", r.created_at}, {"closed_at", r.closed_at}});
        }
        reply(res, 200, json{{"phone", phone}, {"requests", list}});
    });
    svr.Post("/api/console/people/delete", [&, admin](const httplib::Request& req, httplib::Response& res) {
        auto a = admin(req, res, true);
        if (!a) return;
        const json j = parse_body(req, res);
        if (j.is_discarded()) return;
        const std::string phone = stored_phone(text_field(j, "phone"));
        if (phone.empty()) return error(res, 400, "phone must be a phone number of 7 to 15 digits");
        // The log keeps who looked and who deleted, but no longer the whole number.
        const int n = store.delete_person(phone, masked_phone(phone));
        store.add_audit(a->first.id, "删除了资料（" + std::to_string(n) + " 条）", masked_phone(phone), now());
        reply(res, 200, json{{"deleted", n}});
    });
}

}  // namespace anxin::server
