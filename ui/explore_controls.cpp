#include "ui/explore_controls.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QRandomGenerator>
#include <QSlider>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "core/geometry/navigation.h"

namespace inrgan::ui {

namespace {
// Sliders hold ints: psi and the mix in hundredths.
constexpr int kSliderScale = 100;
constexpr int kMaxSeed = 2147483647;

QToolButton* smallButton(const QString& text, const QString& tip) {
  auto* button = new QToolButton;
  button->setText(text);
  button->setToolTip(tip);
  return button;
}

QLabel* readout() {
  auto* label = new QLabel;
  label->setTextInteractionFlags(Qt::TextSelectableByMouse);
  // A long value must not widen the side panel (the canvas would shrink and re-render).
  label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  return label;
}

// "x0, y0" over "x1, y1", with enough decimals to tell apart a thousandth of the view's width.
QString viewText(const inrgan::View& view) {
  const int decimals = std::clamp(static_cast<int>(std::ceil(-std::log10(view.width()))) + 3, 2, 9);
  auto number = [decimals](double v) { return QString::number(v, 'f', decimals); };
  return QStringLiteral("%1, %2\n%3, %4").arg(number(view.x0), number(view.y0), number(view.x1), number(view.y1));
}

// A slider in hundredths with its value shown next to it.
QWidget* sliderRow(QSlider* slider, QLabel* value) {
  auto* row = new QWidget;
  auto* layout = new QHBoxLayout(row);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(slider, 1);
  value->setMinimumWidth(value->fontMetrics().horizontalAdvance(QStringLiteral("0.000")));
  value->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
  layout->addWidget(value);
  return row;
}

QSpinBox* seedSpin() {
  auto* spin = new QSpinBox;
  spin->setRange(0, kMaxSeed);
  spin->setAccelerated(true);
  spin->setKeyboardTracking(false);  // typing "123" renders once, not for 1, 12 and 123
  return spin;
}
}  // namespace

ExploreControls::ExploreControls(QWidget* parent) : QWidget(parent) {
  // Generator: a checkpoint file or run folder, or the live training snapshot.
  checkpoint_radio_ = new QRadioButton(tr("Checkpoint"));
  live_radio_ = new QRadioButton(tr("Live training"));
  live_radio_->setToolTip(tr("Render a snapshot of the EMA generator of the running session"));
  source_group_ = new QButtonGroup(this);
  source_group_->addButton(checkpoint_radio_, static_cast<int>(Source::Checkpoint));
  source_group_->addButton(live_radio_, static_cast<int>(Source::Live));
  checkpoint_radio_->setChecked(true);
  open_ = new QPushButton(tr("Open checkpoint…"));
  open_->setToolTip(tr("A checkpoint (.pt) or a run folder (its newest checkpoint)"));
  source_text_ = readout();
  source_text_->setWordWrap(true);
  follow_ = new QCheckBox(tr("Follow training"));
  follow_->setToolTip(tr("Re-render whenever the session sends a new snapshot (with every sample grid)"));
  follow_->setChecked(true);
  snapshot_ = new QPushButton(tr("Snapshot now"));
  snapshot_->setToolTip(tr("Take a snapshot of the training generator as it is now"));

  auto* source_box = new QGroupBox(tr("Generator"));
  auto* source_layout = new QVBoxLayout(source_box);
  auto* checkpoint_row = new QHBoxLayout;
  checkpoint_row->addWidget(checkpoint_radio_);
  checkpoint_row->addStretch(1);
  checkpoint_row->addWidget(open_);
  source_layout->addLayout(checkpoint_row);
  auto* live_row = new QHBoxLayout;
  live_row->addWidget(live_radio_);
  live_row->addStretch(1);
  live_row->addWidget(snapshot_);
  source_layout->addLayout(live_row);
  source_layout->addWidget(follow_);
  source_layout->addWidget(source_text_);

  // Latent: seed, truncation, and the interpolation towards seed B.
  seed_ = seedSpin();
  auto* previous = smallButton(QStringLiteral("◀"), tr("Previous seed"));
  auto* next = smallButton(QStringLiteral("▶"), tr("Next seed"));
  auto* random = smallButton(tr("Random"), tr("A random seed"));
  auto* seed_row = new QWidget;
  auto* seed_layout = new QHBoxLayout(seed_row);
  seed_layout->setContentsMargins(0, 0, 0, 0);
  seed_layout->setSpacing(4);
  seed_layout->addWidget(seed_, 1);
  seed_layout->addWidget(previous);
  seed_layout->addWidget(next);
  seed_layout->addWidget(random);
  psi_ = new QSlider(Qt::Horizontal);
  psi_->setRange(0, 3 * kSliderScale / 2);
  psi_->setValue(kSliderScale);
  psi_->setToolTip(tr("Truncation: 1 = none; smaller trades variety for typical images"));
  psi_value_ = new QLabel;
  interpolate_ = new QCheckBox(tr("Interpolate to seed B"));
  seed_b_ = seedSpin();
  seed_b_->setValue(1);
  mix_ = new QSlider(Qt::Horizontal);
  mix_->setRange(0, kSliderScale);
  mix_->setValue(kSliderScale / 2);
  mix_->setToolTip(tr("0 = seed, 1 = seed B, interpolated in W space"));
  mix_value_ = new QLabel;

  auto* latent_box = new QGroupBox(tr("Latent"));
  auto* latent_form = new QFormLayout(latent_box);
  latent_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  latent_form->addRow(tr("Seed"), seed_row);
  latent_form->addRow(tr("ψ"), sliderRow(psi_, psi_value_));
  latent_form->addRow(interpolate_);
  latent_form->addRow(tr("Seed B"), seed_b_);
  latent_form->addRow(tr("Mix"), sliderRow(mix_, mix_value_));

  // View and render read-outs.
  zoom_ = readout();
  resolution_ = readout();
  view_ = readout();
  view_->setToolTip(tr("Top-left and bottom-right corners in image space; the training domain is "
                       "-1, -1 to 1, 1 (inrgan render --view x0,y0,x1,y1 takes them)"));
  render_ = readout();
  progress_ = new QProgressBar;
  progress_->setRange(0, 1000);
  progress_->setTextVisible(false);
  progress_->setFixedHeight(4);
  error_ = readout();
  error_->setWordWrap(true);
  error_->setStyleSheet(QStringLiteral("color: #f08070;"));
  error_->hide();
  auto* reset = new QPushButton(tr("Reset view"));
  reset->setToolTip(tr("The training domain fitted into the canvas (key 0)"));
  export_ = new QPushButton(tr("Export…"));
  export_->setToolTip(tr("Render this view, a batch of seeds or an interpolation strip into PNG files of any size"));

  auto* view_box = new QGroupBox(tr("View"));
  auto* view_form = new QFormLayout(view_box);
  view_form->addRow(tr("Zoom"), zoom_);
  view_form->addRow(tr("Resolution"), resolution_);
  view_form->addRow(tr("Rectangle"), view_);
  view_form->addRow(tr("Render"), render_);
  view_form->addRow(progress_);
  view_form->addRow(error_);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(reset);
  buttons->addWidget(export_);
  view_form->addRow(buttons);

  auto* keys = new QLabel(tr("Wheel: zoom about the cursor · drag: pan\n"
                             "0: fit · 1…9: zoom 2^(k−1) · + −: ×2 ÷2 · arrows: pan"));
  keys->setWordWrap(true);
  keys->setEnabled(false);  // the palette's dim text: a hint, not a value

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(source_box);
  layout->addWidget(latent_box);
  layout->addWidget(view_box);
  layout->addWidget(keys);
  layout->addStretch(1);

  auto show_values = [this] {
    psi_value_->setText(QString::number(psi(), 'f', 2));
    mix_value_->setText(QString::number(static_cast<double>(mix_->value()) / kSliderScale, 'f', 2));
    const bool mixing = interpolate_->isChecked();
    seed_b_->setEnabled(mixing);
    mix_->setEnabled(mixing);
  };
  show_values();
  auto latent_changed = [this, show_values] {
    show_values();
    Q_EMIT latentChanged();
  };
  connect(seed_, &QSpinBox::valueChanged, this, latent_changed);
  connect(seed_b_, &QSpinBox::valueChanged, this, latent_changed);
  connect(psi_, &QSlider::valueChanged, this, latent_changed);
  connect(mix_, &QSlider::valueChanged, this, latent_changed);
  connect(interpolate_, &QCheckBox::toggled, this, latent_changed);
  connect(previous, &QToolButton::clicked, seed_, &QSpinBox::stepDown);
  connect(next, &QToolButton::clicked, seed_, &QSpinBox::stepUp);
  connect(random, &QToolButton::clicked, this,
          [this] { seed_->setValue(static_cast<int>(QRandomGenerator::global()->bounded(1000000))); });
  connect(source_group_, &QButtonGroup::idClicked, this,
          [this](int id) { Q_EMIT sourceChanged(static_cast<Source>(id)); });
  connect(open_, &QPushButton::clicked, this, &ExploreControls::openCheckpointClicked);
  connect(follow_, &QCheckBox::toggled, this, &ExploreControls::followTrainingToggled);
  connect(snapshot_, &QPushButton::clicked, this, &ExploreControls::snapshotClicked);
  connect(reset, &QPushButton::clicked, this, &ExploreControls::resetViewClicked);
  connect(export_, &QPushButton::clicked, this, &ExploreControls::exportClicked);

  setLiveAvailable(false, false);
  setExportEnabled(false);
  showRenderStatus(tr("-"), 0.0);
}

ExploreControls::Source ExploreControls::source() const {
  return static_cast<Source>(source_group_->checkedId());
}

void ExploreControls::setSource(Source source) {
  (source == Source::Live ? live_radio_ : checkpoint_radio_)->setChecked(true);
}

bool ExploreControls::followTraining() const { return follow_->isChecked(); }

inrgan::Latent ExploreControls::latent() const {
  inrgan::Latent latent;
  latent.seed = static_cast<std::uint64_t>(seed_->value());
  if (interpolate_->isChecked()) {
    latent.seed_b = static_cast<std::uint64_t>(seed_b_->value());
    latent.mix = static_cast<double>(mix_->value()) / kSliderScale;
  }
  return latent;
}

double ExploreControls::psi() const { return static_cast<double>(psi_->value()) / kSliderScale; }

void ExploreControls::setSourceText(const QString& text) { source_text_->setText(text); }

void ExploreControls::setLiveAvailable(bool available, bool training) {
  live_radio_->setEnabled(available || training);
  follow_->setEnabled(available || training);
  snapshot_->setEnabled(training);
}

QString ExploreControls::zoomText(double zoom) {
  if (zoom >= 10.0) return QStringLiteral("%1×").arg(std::round(zoom), 0, 'f', 0);
  // Up to two decimals, without trailing zeros: "1×", "1.5×", "0.25×".
  return QStringLiteral("%1×").arg(QString::number(std::round(zoom * 100.0) / 100.0, 'g', 4));
}

void ExploreControls::showView(const inrgan::View& view, const QSize& device_pixels) {
  const double zoom = inrgan::canvas_zoom(view, device_pixels.width(), device_pixels.height());
  zoom_->setText(zoomText(zoom));
  const double full = inrgan::effective_resolution(view, device_pixels.width(), device_pixels.height());
  resolution_->setText(tr("full image ≈ %1 px").arg(std::llround(full)));
  view_->setText(viewText(view));
}

void ExploreControls::showRenderStatus(const QString& text, double fraction) {
  render_->setText(text);
  progress_->setValue(static_cast<int>(std::lround(1000.0 * std::clamp(fraction, 0.0, 1.0))));
}

void ExploreControls::showError(const QString& message) {
  error_->setText(message);
  error_->setVisible(!message.isEmpty());
}

void ExploreControls::setExportEnabled(bool enabled) { export_->setEnabled(enabled); }

}  // namespace inrgan::ui
