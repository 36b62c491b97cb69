// Workshop classes in the app: joining with the code, following the teacher's step
// (or going one's own way and coming back), 举手, a network drop, the end, a reload;
// and the projector's presenter view moved on by a clicker. The server is played by
// the test: each waiting call stays open until the test answers it.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "ui/ui_harness.h"

using namespace anxin;
using anxin::test::UiHarness;
using nlohmann::json;

namespace {

const std::string kToken = "0123456789abcdef0123456789abcdef";
const std::string kClass = "fedcba9876543210fedcba9876543210";

// The class as the server has it; join answers at once, waiting calls are answered by move().
struct FakeClass {
    int step = 0, steps = 9;
    unsigned version = 1;
    bool ended = false;
    std::string guide = "hospital";
    json view() const {
        return {{"guide", guide}, {"step", step}, {"steps", steps}, {"version", version}, {"ended", ended}, {"volunteer", "李老师"},
                {"hand", false}, {"code", "382910"}};
    }
};

void serve(UiHarness& ui, FakeClass& c) {
    ui.network.auto_answer = [&c](const test::FakeNetwork::Call& call) -> std::optional<HttpResponse> {
        if (call.path == "/api/classes/join") {
            const json j = json::parse(call.body);
            if (j["code"] != "382910") return HttpResponse{404, R"({"error":"no class has this code"})"};
            json v = c.view();
            v["token"] = kToken;
            return HttpResponse{201, v.dump()};
        }
        const size_t q = call.path.find("?since=");
        if (call.method == "GET" && q != std::string::npos) {
            if (std::stoul(call.path.substr(q + 7)) == c.version) return std::nullopt;  // waits for a change
            return HttpResponse{200, c.view().dump()};
        }
        return HttpResponse{200, R"({"ok":true})"};
    };
}

// The teacher moves: the waiting calls get the new step.
void move(UiHarness& ui, FakeClass& c, int step) {
    c.step = step;
    ++c.version;
    for (const auto& call : ui.network.calls)
        if (call.method == "GET" && call.path.find("?since=") != std::string::npos && !ui.network.answers.count(call.id))
            ui.network.answers[call.id] = HttpResponse{200, c.view().dump()};
    ui.settle();
}

std::vector<json> posts(const UiHarness& ui, const std::string& suffix) {
    std::vector<json> out;
    for (const auto& call : ui.network.calls)
        if (call.method == "POST" && call.path.size() >= suffix.size() && call.path.compare(call.path.size() - suffix.size(), suffix.size(), suffix) == 0)
            out.push_back(json::parse(call.body));
    return out;
}

void join(UiHarness& ui, const char* code, const std::string& nickname = "") {
    ui.press(Role::Button, "参加课堂");
    for (const char* d = code; *d; ++d) ui.press(Role::Button, std::string(1, *d));
    if (!nickname.empty()) ui.type("您的称呼（可以不填）", nickname);
    ui.press(Role::Button, "进入课堂");
}

}  // namespace

TEST_CASE("a senior joins with the code and a nickname, and follows the teacher's step") {
    UiHarness ui(390, 844);
    FakeClass c;
    serve(ui, c);
    join(ui, "382911");
    CHECK(ui.has(Role::Status, "没有这个课堂号。请再看一下老师给的数字。"));
    ui.press(Role::Button, "删除");
    ui.press(Role::Button, "0");
    ui.type("您的称呼（可以不填）", "王阿姨");
    ui.press(Role::Button, "进入课堂");
    const Guide* g = ui.app->state().content.guide("hospital");
    REQUIRE(g);
    CHECK(ui.heading() == g->steps[0].title);
    CHECK(ui.has(Role::Status, "课堂：老师在第 1 步"));
    const json sent = posts(ui, "/api/classes/join").back();
    CHECK(sent["nickname"] == "王阿姨");
    CHECK(sent.size() == 2);  // the code and the nickname: no phone number

    move(ui, c, 2);
    CHECK(ui.heading() == g->steps[2].title);
    CHECK(ui.has(Role::Status, "课堂：老师在第 3 步"));
    bool told = false;  // said to a screen reader (and aloud when the voice is on)
    for (const auto& a : ui.a11y.announced) told = told || a.text == "老师到第 3 步了。";
    CHECK(told);

    // Their own way: one step on; the teacher's next move leaves them there.
    ui.press(Role::Button, "下一步");
    CHECK(ui.heading() == g->steps[3].title);
    move(ui, c, 4);
    CHECK(ui.heading() == g->steps[3].title);
    CHECK(posts(ui, "/progress").back()["following"] == false);
    CHECK(posts(ui, "/progress").back()["step"] == 3);
    ui.press(Role::Button, "回到老师这一步（第 5 步）");
    CHECK(ui.heading() == g->steps[4].title);
    move(ui, c, 5);
    CHECK(ui.heading() == g->steps[5].title);  // following again
    CHECK(posts(ui, "/progress").back()["following"] == true);
}

TEST_CASE("举手 reaches the teacher; a network drop keeps the step; the end is said; a reload rejoins") {
    UiHarness ui(390, 844);
    FakeClass c;
    serve(ui, c);
    join(ui, "382910");
    move(ui, c, 1);
    ui.press(Role::Button, "举手");
    CHECK(posts(ui, "/hand").back()["up"] == true);
    CHECK(ui.has(Role::Status, "课堂：老师在第 2 步 · 您举手了"));
    CHECK(ui.has(Role::Button, "放下手"));

    // The network drops: the waiting call fails; the screen keeps its step and says so.
    const std::string heading = ui.heading();
    for (const auto& call : ui.network.calls)
        if (call.method == "GET" && !ui.network.answers.count(call.id)) ui.network.answers[call.id] = HttpResponse{0, ""};
    ui.network.offline = true;
    ui.settle();
    CHECK(ui.has(Role::Status, "课堂：网络断了，正在重新连接…"));
    CHECK(ui.heading() == heading);
    // Back: the next try gets through, with the step the class moved to meanwhile.
    ui.network.offline = false;
    c.step = 3;
    ++c.version;
    ui.clock.ms += 5000;
    ui.settle();
    CHECK(ui.has(Role::Status, "课堂：老师在第 4 步 · 您举手了") == false);  // the server's answer: no hand up
    CHECK(ui.has(Role::Status, "课堂：老师在第 4 步"));

    // A reload in the middle: the same seat.
    ui.reload();
    serve(ui, c);
    ui.settle();
    CHECK(ui.has(Role::Status, "课堂：老师在第 4 步"));

    // The volunteer ends the class.
    c.ended = true;
    move(ui, c, 3);
    CHECK(ui.has(Role::Status, "这堂课结束了。"));
    ui.press(Role::Button, "好的");
    CHECK_FALSE(ui.has(Role::Status, "这堂课结束了。"));
    CHECK(ui.storage.values.count(ClassClient::kKey) == 0);
}

TEST_CASE("the projector shows the code and QR code, then the class's step, moved on by a clicker") {
    UiHarness ui(1920, 1080);
    FakeClass c;
    serve(ui, c);
    ui.app->open_address("#present=" + kClass);
    ui.settle();
    CHECK(ui.heading() == "参加课堂");
    const SemanticsNode* code = ui.tree().find(Role::Text, "课堂号 3 8 2 9 1 0");
    REQUIRE(code);
    CHECK(code->font_px >= 150);  // read from the back of the room
    const SemanticsNode* qr = ui.tree().find(Role::Image, "参加课堂的二维码");
    REQUIRE(qr);
    CHECK(qr->rect.w >= 400);
    CHECK_FALSE(ui.has(Role::Button, "找人帮忙"));
    ui.key(ImGuiKey_PageDown);  // the clicker starts the class at its step
    const Guide* g = ui.app->state().content.guide("hospital");
    CHECK(ui.heading() == g->steps[0].title);
    CHECK(ui.has(Role::Status, "课堂号 382 910 · 第 1 / 9 步"));
    ui.key(ImGuiKey_PageDown);
    CHECK(ui.heading() == g->steps[1].title);
    REQUIRE_FALSE(posts(ui, "/present/" + kClass + "/step").empty());
    CHECK(posts(ui, "/present/" + kClass + "/step").back()["step"] == 1);
    ui.key(ImGuiKey_PageUp);
    CHECK(posts(ui, "/present/" + kClass + "/step").back()["step"] == 0);
    // Moved from the console: the projector follows.
    move(ui, c, 6);
    CHECK(ui.heading() == g->steps[6].title);
    CHECK(ui.app->state().settings.text_size == TextSize::Largest);
    CHECK(ui.storage.values.count(SettingsStore::kKey) == 0);  // the projector's large text is never saved
}

TEST_CASE("a 举手 that never reaches the volunteer is not shown as up; the next try does") {
    UiHarness ui(390, 844);
    FakeClass c;
    serve(ui, c);
    join(ui, "382910");
    ui.network.offline = true;  // the hand's call fails
    ui.press(Role::Button, "举手");
    ui.settle();
    CHECK(ui.has(Role::Button, "举手"));
    CHECK_FALSE(ui.has(Role::Button, "放下手"));
    ui.network.offline = false;
    ui.press(Role::Button, "举手");
    ui.settle();
    CHECK(ui.has(Role::Button, "放下手"));
}

TEST_CASE("in a class, a senior tries the teacher's step on the simulated phone; the misses reach the dashboard") {
    UiHarness ui(390, 844);
    FakeClass c;
    serve(ui, c);
    join(ui, "382910");
    const Guide* g = ui.app->state().content.guide("hospital");
    REQUIRE(g);
    REQUIRE(g->steps[0].has_screen);
    const ScreenElement* target = g->steps[0].screen.find(g->steps[0].screen.target);
    REQUIRE(target);
    ui.press(Role::Button, "在这一步自己点一点");
    CHECK(ui.app->state().practice);
    CHECK(ui.has(Role::Status, "练习模式：这是模拟的手机画面，不会真的付钱，也不会发送任何东西。"));
    // A wrong tap: a hint, and the miss is reported.
    std::string wrong;
    for (const auto& e : g->steps[0].screen.elements)
        for (const ScreenElement& x : e.items.empty() ? std::vector<ScreenElement>{e} : e.items)  // grid items too
            if (x.id != target->id && !element_label(x).empty() && ui.has(Role::Button, element_label(x))) wrong = element_label(x);
    REQUIRE_FALSE(wrong.empty());
    ui.press(Role::Button, wrong);
    ui.settle();
    CHECK(posts(ui, "/progress").back()["misses"] == 1);
    // The right one: on to the next step, at their own pace.
    ui.press(Role::Button, element_label(*target));
    CHECK(ui.heading() == g->steps[1].title);
    CHECK(posts(ui, "/progress").back()["following"] == false);
    ui.press(Role::Button, "不练了，看说明");
    CHECK_FALSE(ui.app->state().practice);
}
