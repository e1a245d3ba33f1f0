#include "core/session/events.h"

namespace inrgan {

const char* to_string(SessionState state) {
  switch (state) {
    case SessionState::Idle: return "idle";
    case SessionState::Preparing: return "preparing";
    case SessionState::Running: return "running";
    case SessionState::Paused: return "paused";
    case SessionState::Stopping: return "stopping";
    case SessionState::Finished: return "finished";
    case SessionState::Failed: return "failed";
  }
  return "unknown";
}

}  // namespace inrgan
