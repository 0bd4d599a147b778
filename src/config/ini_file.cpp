#include "config/ini_file.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "common/text.h"

namespace asq {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

IniFile IniFile::parse(std::string_view text, const std::string& path) {
  IniFile ini;
  ini.path_ = path;
  std::string section;
  Entry* last = nullptr;
  int line_number = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::string_view content = trim(line);
    bool indented = !line.empty() && (line.front() == ' ' || line.front() == '\t');
    if (content.empty() || content.front() == '#' || content.front() == ';') {
      if (content.empty() && last) last->value += '\n';
      continue;
    }
    if (indented && last) {
      last->value += '\n';
      last->value += content;
      continue;
    }
    SourceLocation where{path, line_number, 1};
    if (content.front() == '[') {
      if (content.back() != ']') {
        throw SourceError(where, "expected ']' to close the section header", line);
      }
      section = std::string(trim(content.substr(1, content.size() - 2)));
      ini.sections_[section];
      last = nullptr;
      continue;
    }
    size_t separator = content.find_first_of("=:");
    if (separator == std::string_view::npos || separator == 0) {
      throw SourceError(where, "expected '[section]' or 'key = value'", line);
    }
    if (section.empty()) {
      throw SourceError(where, "expected a '[section]' header before the first key", line);
    }
    std::string key = lower(trim(content.substr(0, separator)));
    last = &ini.sections_[section][key];
    last->value = std::string(trim(content.substr(separator + 1)));
    last->line = line_number;
  }
  for (auto& [name, entries] : ini.sections_) {
    for (auto& [key, entry] : entries) {
      while (!entry.value.empty() && entry.value.back() == '\n') entry.value.pop_back();
    }
  }
  return ini;
}

IniFile IniFile::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw SourceError({path, 0, 0}, "cannot read the file");
  std::stringstream buffer;
  buffer << in.rdbuf();
  return parse(buffer.str(), path);
}

const IniFile::Entry* IniFile::find(std::string_view section, std::string_view key) const {
  std::string name = lower(key);
  for (std::string_view where : {section, std::string_view("DEFAULT")}) {
    auto s = sections_.find(where);
    if (s == sections_.end()) continue;
    auto e = s->second.find(name);
    if (e != s->second.end()) return &e->second;
  }
  return nullptr;
}

std::optional<std::string> IniFile::raw(std::string_view section, std::string_view key) const {
  const Entry* entry = find(section, key);
  if (!entry) return std::nullopt;
  return entry->value;
}

std::vector<std::string> IniFile::keys(std::string_view section) const {
  std::vector<std::string> out;
  auto s = sections_.find(section);
  if (s == sections_.end()) return out;
  for (const auto& [key, entry] : s->second) out.push_back(key);
  return out;
}

int IniFile::line_of(std::string_view section, std::string_view key) const {
  const Entry* entry = find(section, key);
  return entry ? entry->line : 0;
}

std::optional<std::string> IniFile::get(std::string_view section, std::string_view key,
                                        const std::map<std::string, std::string>& defaults) const {
  const Entry* entry = find(section, key);
  if (!entry) return std::nullopt;
  return interpolate(section, *entry, defaults, 0);
}

std::string IniFile::interpolate(std::string_view section, const Entry& entry,
                                 const std::map<std::string, std::string>& defaults,
                                 int depth) const {
  SourceLocation where{path_, entry.line, 0};
  if (depth > 10) throw SourceError(where, "interpolation nests too deeply (a loop?)");
  std::string out;
  const std::string& value = entry.value;
  for (size_t i = 0; i < value.size(); ++i) {
    if (value[i] != '%') {
      out += value[i];
      continue;
    }
    if (i + 1 < value.size() && value[i + 1] == '%') {
      out += '%';
      ++i;
      continue;
    }
    size_t close = value.find(")s", i);
    if (i + 1 >= value.size() || value[i + 1] != '(' || close == std::string::npos) {
      throw SourceError(where, "expected '%%' or '%(name)s' in the value of this key");
    }
    std::string name = lower(value.substr(i + 2, close - i - 2));
    if (const Entry* other = find(section, name)) {
      out += interpolate(section, *other, defaults, depth + 1);
    } else if (auto d = defaults.find(name); d != defaults.end()) {
      out += d->second;
    } else {
      throw SourceError(where, "'%(" + name + ")s' refers to a key that is not defined");
    }
    i = close + 1;
  }
  return out;
}

}  // namespace asq
