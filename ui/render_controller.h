// Owns the explorer's ProgressiveRenderer and turns its callbacks (which run on the render worker)
// into queued Qt signals on the GUI thread. Latest request wins end to end: the renderer drops
// superseded work, and results of an older request still in the event queue are dropped here.
#pragma once

#include <QMetaType>
#include <QObject>
#include <QString>

#include <cstdint>
#include <memory>

#include "core/render/progressive_renderer.h"
#include "core/render/render_request.h"

Q_DECLARE_METATYPE(inrgan::RenderResult)
Q_DECLARE_METATYPE(inrgan::RenderProgress)

namespace inrgan::ui {

class RenderController : public QObject {
  Q_OBJECT

 public:
  explicit RenderController(QObject* parent = nullptr);
  ~RenderController() override;  // cancels and joins the worker; nothing is delivered after

  // Replaces whatever is rendering; returns the request's id. Never throws.
  std::uint64_t submit(inrgan::RenderRequest request);

 Q_SIGNALS:
  // One finished level of the latest request, coarse first.
  void resultReady(const inrgan::RenderResult& result);
  void progressed(const inrgan::RenderProgress& progress);
  // The latest request failed (a checkpoint that cannot be read, a bad value).
  void renderFailed(quint64 id, const QString& message);

 private:
  bool isStale(std::uint64_t id) const { return id < latest_id_; }

  std::uint64_t latest_id_ = 0;  // GUI thread only
  std::unique_ptr<inrgan::ProgressiveRenderer> renderer_;
};

}  // namespace inrgan::ui
