#include "ui/status_header.h"

#include <QHBoxLayout>
#include <QLabel>

#include "ui/format.h"

namespace inrgan::ui {

namespace {
const char* const kFields[] = {"state", "stage", "resolution", "step", "images/s",
                               "sec/kimg", "ETA", "peak memory"};
}

StatusHeader::StatusHeader(QWidget* parent) : QWidget(parent) {
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(4, 2, 4, 2);
  layout->setSpacing(18);
  for (const char* field : kFields) {
    auto* name = new QLabel(QString::fromLatin1(field));
    QPalette dim = name->palette();
    dim.setColor(QPalette::WindowText, palette().color(QPalette::PlaceholderText));
    name->setPalette(dim);
    auto* value = new QLabel;
    QFont bold = value->font();
    bold.setBold(true);
    value->setFont(bold);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Room for typical values, so the row does not jitter as numbers change every step.
    value->setMinimumWidth(QFontMetrics(bold).horizontalAdvance(QStringLiteral("0000000")));
    auto* pair = new QHBoxLayout;
    pair->setSpacing(5);
    pair->addWidget(name);
    pair->addWidget(value);
    layout->addLayout(pair);
    values_.insert(QString::fromLatin1(field), value);
  }
  layout->addStretch(1);
  values_["stage"]->setToolTip(tr("Current stage k of stages 0..K (METHOD §5)"));
  values_["resolution"]->setToolTip(tr("r_k, the grid of this stage, and P, the side G renders"));
  clear();
}

QString StatusHeader::value(const QString& field) const {
  auto* label = values_.value(field, nullptr);
  return label ? label->text() : QString();
}

void StatusHeader::set(const QString& field, const QString& text) {
  if (QLabel* label = values_.value(field, nullptr)) label->setText(text);
}

void StatusHeader::clear() {
  for (QLabel* label : values_) label->setText(QStringLiteral("-"));
  set("state", stateText(SessionState::Idle));
}

void StatusHeader::onStep(const inrgan::StepEvent& e) {
  set("stage", QStringLiteral("%1 / %2").arg(e.stage).arg(e.num_stages - 1));
  set("resolution", tr("%1 px (P %2)").arg(e.resolution).arg(e.patch));
  set("step", QString::number(e.step));
  set("images/s", e.images_per_second > 0.0 ? QString::number(e.images_per_second, 'f', 1)
                                            : QStringLiteral("-"));
  set("sec/kimg", e.images_per_second > 0.0 ? QString::number(1000.0 / e.images_per_second, 'f', 1)
                                            : QStringLiteral("-"));
  set("ETA", formatDuration(e.eta_seconds));
  set("peak memory", formatBytes(e.peak_memory_bytes));
}

void StatusHeader::onStageStarted(const inrgan::StageEvent& e) {
  set("stage", QStringLiteral("%1 / %2").arg(e.stage).arg(e.num_stages - 1));
  set("resolution", tr("%1 px (P %2)").arg(e.resolution).arg(e.patch));
}

void StatusHeader::onState(inrgan::SessionState state, const QString& message) {
  set("state", stateText(state));
  QLabel* label = values_["state"];
  label->setToolTip(message);
  QPalette pal = palette();
  if (state == SessionState::Failed) pal.setColor(QPalette::WindowText, QColor(0xe1, 0x57, 0x59));
  if (state == SessionState::Running) pal.setColor(QPalette::WindowText, QColor(0x59, 0xc2, 0x5b));
  if (state == SessionState::Paused) pal.setColor(QPalette::WindowText, QColor(0xed, 0xc9, 0x48));
  label->setPalette(pal);
}

}  // namespace inrgan::ui
