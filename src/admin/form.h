// HTML form bodies (application/x-www-form-urlencoded) and the checks every form POST of the
// admin passes: same origin and a matching CSRF token.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.h"

namespace nz::admin {

using Form = std::map<std::string, std::string, std::less<>>;

// The fields of an urlencoded body ('+' is a space, %XX decoded); the first of a repeated
// name wins; a field without '=' has an empty value.
Form parse_form(std::string_view body);

// The field's value, or "" when absent.
std::string field(const Form& form, std::string_view name);

// Every value of a field that may repeat (checkboxes sharing a name), in body order.
std::vector<std::string> field_values(std::string_view body, std::string_view name);

// False when the request carries an Origin header (browsers send one with every POST) that
// is not this server's own: scheme aside, its host[:port] must equal the Host header. A
// missing Origin passes (old browsers, curl); the CSRF token still has to match.
bool same_origin(const http::Request& request);

// True when the form's "csrf" field equals `expected` (compared in constant time) and is
// not empty.
bool csrf_matches(const Form& form, std::string_view expected);

}  // namespace nz::admin
