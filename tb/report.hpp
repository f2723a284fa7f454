// Reports of udma-sim runs: Markdown for people, JSON for scripts.
#pragma once

#include <string>

#include "harness.hpp"

namespace udma::tb {

std::string report_md(const RunResult& r);
std::string report_json(const RunResult& r);
std::string json_escape(const std::string& s);
std::string violation_text(const RunResult& r, const Violation& v);

}  // namespace udma::tb
