#include "replay/engine_choice.h"

#include <algorithm>

#include "common/errors.h"
#include "interpret/interpreter.h"

namespace asq {
namespace {

/// The reader's first error, then which revisions it cannot read and why the real Alembic
/// cannot take over.
class UnreadChainError : public SourceError {
 public:
  UnreadChainError(const SourceError& first, std::string more)
      : SourceError(first), text_(std::string(first.what()) + "\n" + std::move(more)) {}
  const char* what() const noexcept override { return text_.c_str(); }

 private:
  std::string text_;
};

std::string located(const UnreadRevision& unread,
                    const std::function<std::string(const std::string&)>& display) {
  return display(unread.where.file) + ":" + std::to_string(unread.where.line);
}

/// "3 revisions: f:1, g:2, h:3" (the first three, then how many more).
std::string unread_list(const std::vector<UnreadRevision>& unread,
                        const std::function<std::string(const std::string&)>& display) {
  std::string out = std::to_string(unread.size()) + (unread.size() >= kMaxUnread ? "+" : "") +
                    " revision" + (unread.size() == 1 ? "" : "s") + ": ";
  for (size_t i = 0; i < unread.size() && i < 3; ++i) {
    out += (i ? ", " : "") + located(unread[i], display);
  }
  if (unread.size() > 3) out += " and " + std::to_string(unread.size() - 3) + " more";
  return out;
}

/// The position in `remaining` of the revision an error points into; -1 when none does.
int failed_position(const RevisionGraph& graph, const std::vector<int>& remaining,
                    const SourceError& error, const ChainInterpreter& interpret) {
  for (size_t i = 0; i < remaining.size(); ++i) {
    if (graph.revisions()[remaining[i]].file.path == error.where().file) return static_cast<int>(i);
  }
  for (size_t i = 0; i < remaining.size(); ++i) {
    try {
      interpret({remaining[i]});
    } catch (const SourceError&) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

}  // namespace

ChainReading read_chain(const RevisionGraph& graph, const std::vector<int>& order,
                        const ChainInterpreter& interpret) {
  ChainReading reading;
  std::vector<int> remaining = order;
  while (reading.unread.size() < kMaxUnread) {
    try {
      reading.revisions = interpret(remaining);
      break;
    } catch (const SourceError& error) {
      if (!reading.error) reading.error = error;
      int position = failed_position(graph, remaining, error, interpret);
      if (position < 0) {
        reading.unread.push_back({"", error.where(), error.message()});
        break;
      }
      reading.unread.push_back(
          {graph.revisions()[remaining[position]].id(), error.where(), error.message()});
      remaining.erase(remaining.begin() + position);
    }
  }
  if (reading.error) {
    reading.revisions.clear();
    return reading;
  }
  for (const auto& revision : reading.revisions) {  // read, but with parts set aside as unknown
    auto parts = unmodelled(revision);
    if (!parts.empty() && reading.unread.size() < kMaxUnread) {
      reading.unread.push_back({revision.revision, parts.front().first,
                                std::string(kNotModelled) + parts.front().second});
    }
  }
  return reading;
}

EngineChoice choose_engine(ReplayEngine setting, const ChainReading& reading,
                           const std::function<AlembicProbe()>& probe) {
  EngineChoice choice;
  choice.setting = setting;
  if (setting == ReplayEngine::kBuiltin ||
      (setting == ReplayEngine::kAuto && reading.unread.empty())) {
    if (reading.error) throw *reading.error;
    return choice;
  }
  AlembicProbe alembic = probe();
  if (!alembic.ok && setting == ReplayEngine::kAuto && !reading.error) {
    choice.unread = reading.unread;  // read with parts not modelled: the built-in engine, warned
    return choice;
  }
  if (!alembic.ok) {
    std::string fix =
        "; set [alembic] python in squash.toml to the Python that runs your migrations";
    if (setting == ReplayEngine::kAlembic) {
      throw UsageError("replay engine alembic: the real Alembic cannot run: " + alembic.why_not +
                       fix);
    }
    auto same = [](const std::string& path) { return path; };
    throw UnreadChainError(*reading.error,
                           "The built-in reader cannot read " + unread_list(reading.unread, same) +
                               ". The real Alembic would replay them (replay_engine = auto), "
                               "but " +
                               alembic.why_not + fix + ". Nothing was changed.");
  }
  choice.engine = ReplayEngine::kAlembic;
  choice.unread = reading.unread;
  choice.alembic = alembic.version;
  return choice;
}

std::string describe_choice(const EngineChoice& choice,
                            const std::function<std::string(const std::string&)>& display) {
  bool automatic = choice.setting == ReplayEngine::kAuto;
  if (choice.engine == ReplayEngine::kBuiltin) {
    if (automatic && !choice.unread.empty()) {
      return "replay engine: built-in (auto: the real Alembic cannot run here; parts of " +
             unread_list(choice.unread, display) + " are not modelled, see the warnings)";
    }
    return std::string("replay engine: built-in (") +
           (automatic ? "auto: it reads every revision" : "replay_engine = builtin") + ")";
  }
  std::string out = "replay engine: the real Alembic (" + choice.alembic + "; ";
  if (!automatic) return out + "replay_engine = alembic)";
  out += "auto: the built-in reader cannot read " + unread_list(choice.unread, display);
  if (!choice.unread.empty()) {
    std::string first = choice.unread.front().message;
    out += "; first: " + first.substr(0, first.find('\n'));
  }
  return out + ")";
}

}  // namespace asq
