#include "core/json_errors.h"

namespace anxin {
namespace {

using nlohmann::json;

// Builds the document like nlohmann's own DOM parser, but records a parse error's
// position instead of throwing.
class PositionSax {
public:
    explicit PositionSax(json& root) : dom_(root, /*allow_exceptions=*/false) {}
    bool null() { return dom_.null(); }
    bool boolean(bool v) { return dom_.boolean(v); }
    bool number_integer(json::number_integer_t v) { return dom_.number_integer(v); }
    bool number_unsigned(json::number_unsigned_t v) { return dom_.number_unsigned(v); }
    bool number_float(json::number_float_t v, const std::string& s) { return dom_.number_float(v, s); }
    bool string(std::string& v) { return dom_.string(v); }
    bool binary(json::binary_t& v) { return dom_.binary(v); }
    bool start_object(std::size_t n) { return dom_.start_object(n); }
    bool key(std::string& k) { return dom_.key(k); }
    bool end_object() { return dom_.end_object(); }
    bool start_array(std::size_t n) { return dom_.start_array(n); }
    bool end_array() { return dom_.end_array(); }
    bool parse_error(std::size_t position, const std::string& last_token, const nlohmann::detail::exception&) {
        failed = true;
        offset = position;
        near = last_token;
        return false;
    }
    bool failed = false;
    std::size_t offset = 0;  // bytes read when the error was found
    std::string near;

private:
    nlohmann::detail::json_sax_dom_parser<json> dom_;
};

}  // namespace

json parse_json_with_position(const std::string& text, std::string& error) {
    json root;
    PositionSax sax(root);
    json::sax_parse(text, &sax, json::input_format_t::json, /*strict=*/true);
    if (!sax.failed) return root;
    // Line and column of the last byte read (columns count characters, not bytes).
    size_t line = 1, column = 0;
    const size_t end = std::min(sax.offset, text.size());
    for (size_t i = 0; i < end; ++i) {
        if (text[i] == '\n') { ++line; column = 0; }
        else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
    }
    error = "line " + std::to_string(line) + ", column " + std::to_string(std::max<size_t>(column, 1)) + ": not valid JSON";
    if (!sax.near.empty() && sax.near.size() < 40) error += " near '" + sax.near + "'";
    return json(json::value_t::discarded);
}

}  // namespace anxin
