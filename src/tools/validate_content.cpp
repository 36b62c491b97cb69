// anxin_validate — checks the app's content the way the app loads it, for
// people who write guides.
//
//   anxin_validate assets/                 every file the app would load
//   anxin_validate assets/ my-guide.json   one new guide, against assets/'s glossary
//
// Prints each problem with its file, step and field; exits 1 if there are any.
#include <cstdio>
#include <string>

#include "core/content.h"

int main(int argc, char** argv) {
    if (argc < 2 || std::string(argv[1]) == "--help") {
        std::fprintf(stderr, "usage: %s ASSET_FOLDER [GUIDE.json ...]\n", argv[0]);
        return 2;
    }
    const std::string root = argv[1];
    anxin::Content content = anxin::load_content(root);
    std::vector<std::string> problems = content.problems;
    int checked = int(content.guides.size()) + content.guides_rejected;
    for (int i = 2; i < argc; ++i) {
        auto text = anxin::read_text_file(argv[i]);
        if (!text) { problems.push_back(std::string(argv[i]) + ": cannot read the file"); continue; }
        anxin::Guide g;
        anxin::parse_guide(*text, argv[i], content.glossary, anxin::known_icons(), g, problems);
        ++checked;
    }
    for (const auto& p : problems) std::printf("%s\n", p.c_str());
    std::printf("%d guide(s) checked, %zu problem(s)\n", checked, problems.size());
    return problems.empty() ? 0 : 1;
}
