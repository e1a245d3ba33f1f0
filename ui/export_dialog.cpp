#include "ui/export_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMetaObject>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>
#include <utility>

#include "core/geometry/navigation.h"
#include "ui/format.h"

namespace inrgan::ui {

namespace {
constexpr int kDefaultWidth = 2048;
constexpr int kMaxStripFrames = 256;

QSpinBox* sideSpin(int value) {
  auto* spin = new QSpinBox;
  spin->setRange(1, inrgan::kMaxExportSide);
  spin->setValue(value);
  spin->setSuffix(QStringLiteral(" px"));
  spin->setKeyboardTracking(false);  // the aspect follows the finished number, not each digit
  return spin;
}

QSpinBox* seedSpin(std::uint64_t value) {
  auto* spin = new QSpinBox;
  spin->setRange(0, 2147483647);
  spin->setValue(static_cast<int>(std::min<std::uint64_t>(value, 2147483647)));
  return spin;
}
}  // namespace

ExportDialog::ExportDialog(ExportContext context, QWidget* parent)
    : QDialog(parent), context_(std::move(context)) {
  setWindowTitle(tr("Export PNG — %1").arg(context_.source_label));

  area_ = new QComboBox;
  area_->addItem(tr("Current view"), static_cast<int>(Area::CanvasView));
  area_->addItem(tr("Training domain"), static_cast<int>(Area::TrainingDomain));
  area_->addItem(tr("Typed rectangle"), static_cast<int>(Area::Typed));
  rect_ = new QLineEdit(QString::fromStdString(inrgan::format_view(context_.canvas_view)));
  rect_->setToolTip(tr("x0,y0,x1,y1 of image space; -1,-1,1,1 is the training domain, beyond it is outpainting"));
  rect_->setEnabled(false);

  const inrgan::View& view = context_.canvas_view;
  width_ = sideSpin(kDefaultWidth);
  height_ = sideSpin(std::clamp(static_cast<int>(std::lround(kDefaultWidth * view.height() / view.width())), 1,
                                inrgan::kMaxExportSide));
  keep_aspect_ = new QCheckBox(tr("Keep the view's aspect"));
  keep_aspect_->setChecked(true);
  summary_ = new QLabel;
  summary_->setEnabled(false);  // dim: a consequence, not an input
  auto* size_row = new QHBoxLayout;
  size_row->addWidget(width_, 1);
  size_row->addWidget(new QLabel(QStringLiteral("×")));
  size_row->addWidget(height_, 1);

  mode_ = new QComboBox;
  mode_->addItem(tr("This seed (%1)").arg(context_.latent.seed), static_cast<int>(Mode::ThisSeed));
  mode_->addItem(tr("Seed range, one file each"), static_cast<int>(Mode::SeedRange));
  mode_->addItem(tr("Interpolation strip, one file"), static_cast<int>(Mode::Strip));
  seeds_ = new QLineEdit(QStringLiteral("0-9"));
  seeds_->setToolTip(tr("\"7\", \"0-9\" or \"3,5,8-10\""));
  seed_a_ = seedSpin(context_.latent.seed);
  seed_b_ = seedSpin(context_.latent.mix > 0.0 ? context_.latent.seed_b : context_.latent.seed + 1);
  frames_ = new QSpinBox;
  frames_->setRange(2, kMaxStripFrames);
  frames_->setValue(8);
  output_ = new QLineEdit(QDir::current().filePath(QStringLiteral("inrgan-export.png")));
  output_->setToolTip(tr("A .png file. For a seed range, {seed} in the name is replaced by the seed "
                         "(without it, -seed<N> is added)"));
  auto* browse = new QToolButton;
  browse->setText(QStringLiteral("…"));
  browse->setToolTip(tr("Browse"));
  auto* output_row = new QHBoxLayout;
  output_row->addWidget(output_, 1);
  output_row->addWidget(browse);

  auto* form = new QFormLayout;
  form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  form->addRow(tr("Area"), area_);
  form->addRow(tr("Rectangle"), rect_);
  form->addRow(tr("Size"), size_row);
  form->addRow(QString(), keep_aspect_);
  form->addRow(QString(), summary_);
  form->addRow(tr("What"), mode_);
  form->addRow(tr("Seeds"), seeds_);
  form->addRow(tr("Seed A"), seed_a_);
  form->addRow(tr("Seed B"), seed_b_);
  form->addRow(tr("Frames"), frames_);
  form->addRow(tr("Output"), output_row);

  progress_ = new QProgressBar;
  progress_->setRange(0, 1000);
  progress_->setValue(0);
  message_ = new QLabel;
  message_->setWordWrap(true);
  message_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  start_ = new QPushButton(tr("Export"));
  start_->setDefault(true);
  close_ = new QPushButton(tr("Close"));
  auto* buttons = new QHBoxLayout;
  buttons->addStretch(1);
  buttons->addWidget(start_);
  buttons->addWidget(close_);

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(progress_);
  layout->addWidget(message_);
  layout->addLayout(buttons);
  setMinimumWidth(520);

  inputs_ = {area_, rect_, width_, height_, keep_aspect_, mode_, seeds_, seed_a_, seed_b_, frames_, output_, browse};
  // Only the rows of the chosen mode are shown.
  auto show_mode_rows = [this, form] {
    const auto mode = static_cast<Mode>(mode_->currentData().toInt());
    form->setRowVisible(seeds_, mode == Mode::SeedRange);
    for (QSpinBox* row : {seed_a_, seed_b_, frames_}) form->setRowVisible(row, mode == Mode::Strip);
    adjustSize();
  };
  show_mode_rows();

  connect(area_, &QComboBox::currentIndexChanged, this, [this] {
    const auto area = static_cast<Area>(area_->currentData().toInt());
    rect_->setEnabled(area == Area::Typed);
    if (area != Area::Typed) {
      const inrgan::View shown = area == Area::TrainingDomain ? inrgan::View::training_domain()
                                                               : context_.canvas_view;
      rect_->setText(QString::fromStdString(inrgan::format_view(shown)));
    }
    keepAspect(true);
    updateSummary();
  });
  connect(rect_, &QLineEdit::editingFinished, this, [this] {
    keepAspect(true);
    updateSummary();
  });
  connect(width_, &QSpinBox::valueChanged, this, [this] { keepAspect(true); });
  connect(height_, &QSpinBox::valueChanged, this, [this] { keepAspect(false); });
  connect(keep_aspect_, &QCheckBox::toggled, this, [this] { keepAspect(true); });
  connect(mode_, &QComboBox::currentIndexChanged, this, [this, show_mode_rows] {
    show_mode_rows();
    updateSummary();
  });
  connect(frames_, &QSpinBox::valueChanged, this, &ExportDialog::updateSummary);
  connect(browse, &QToolButton::clicked, this, [this] {
    const QString file = QFileDialog::getSaveFileName(this, tr("Export to"), output_->text(), tr("PNG (*.png)"));
    if (!file.isEmpty()) output_->setText(file);
  });
  connect(start_, &QPushButton::clicked, this, &ExportDialog::startExport);
  connect(close_, &QPushButton::clicked, this, [this] {
    if (isRunning()) {
      cancelExport();
    } else {
      reject();
    }
  });
  updateSummary();
}

ExportDialog::~ExportDialog() {
  // Stops within one band; what the worker queued to this object dies with it.
  cancel_ = true;
  if (worker_.joinable()) worker_.join();
}

inrgan::View ExportDialog::exportView(QString* error) const {
  switch (static_cast<Area>(area_->currentData().toInt())) {
    case Area::CanvasView: return context_.canvas_view;
    case Area::TrainingDomain: return inrgan::View::training_domain();
    case Area::Typed: break;
  }
  try {
    return inrgan::parse_view(rect_->text().trimmed().toStdString());
  } catch (const std::exception& e) {
    if (error) *error = QString::fromStdString(e.what());
    return {};
  }
}

void ExportDialog::keepAspect(bool width_changed) {
  if (!keep_aspect_->isChecked() || adjusting_aspect_) {
    updateSummary();
    return;
  }
  QString error;
  const inrgan::View view = exportView(&error);
  if (error.isEmpty() && view.width() > 0.0 && view.height() > 0.0) {
    adjusting_aspect_ = true;  // the other box's valueChanged comes back here
    const double aspect = view.height() / view.width();
    auto side = [](double v) { return std::clamp(static_cast<int>(std::lround(v)), 1, inrgan::kMaxExportSide); };
    if (width_changed) {
      height_->setValue(side(width_->value() * aspect));
    } else {
      width_->setValue(side(height_->value() / aspect));
    }
    adjusting_aspect_ = false;
  }
  updateSummary();
}

void ExportDialog::updateSummary() {
  QString error;
  const inrgan::View view = exportView(&error);
  if (!error.isEmpty() || view.width() <= 0.0) {
    summary_->setText(tr("the rectangle is not valid"));
    return;
  }
  const int frames = static_cast<Mode>(mode_->currentData().toInt()) == Mode::Strip ? frames_->value() : 1;
  const double megapixels = static_cast<double>(width_->value()) * height_->value() * frames / 1e6;
  const double full = inrgan::effective_resolution(view, width_->value(), height_->value());
  summary_->setText(tr("%1 MP · full image ≈ %2 px").arg(megapixels, 0, 'f', 1).arg(std::llround(full)));
}

std::vector<inrgan::ExportSpec> ExportDialog::jobs(QString* error) const {
  auto fail = [error](const QString& message) {
    if (error) *error = message;
    return std::vector<inrgan::ExportSpec>{};
  };
  QString view_error;
  inrgan::ExportSpec base;
  base.source = context_.source;
  base.psi = context_.psi;
  base.view = exportView(&view_error);
  if (!view_error.isEmpty()) return fail(tr("Rectangle: %1").arg(view_error));
  base.width = width_->value();
  base.height = height_->value();
  const QString output = output_->text().trimmed();
  if (output.isEmpty()) return fail(tr("Choose an output file (.png)."));
  base.out = output.toStdString();

  std::vector<inrgan::ExportSpec> specs;
  switch (static_cast<Mode>(mode_->currentData().toInt())) {
    case Mode::ThisSeed:
      base.frames = {context_.latent};
      specs.push_back(base);
      break;
    case Mode::SeedRange: {
      std::vector<std::uint64_t> seeds;
      try {
        seeds = inrgan::parse_seed_list(seeds_->text().trimmed().toStdString());
      } catch (const std::exception& e) {
        return fail(tr("Seeds: %1").arg(QString::fromStdString(e.what())));
      }
      for (std::uint64_t seed : seeds) {
        inrgan::ExportSpec spec = base;
        spec.frames = {inrgan::Latent{seed, 0, 0.0}};
        spec.out = inrgan::output_for_seed(base.out, seed);
        specs.push_back(std::move(spec));
      }
      break;
    }
    case Mode::Strip:
      base.frames = inrgan::interpolation_frames(static_cast<std::uint64_t>(seed_a_->value()),
                                                 static_cast<std::uint64_t>(seed_b_->value()), frames_->value());
      specs.push_back(base);
      break;
  }
  for (const inrgan::ExportSpec& spec : specs) {
    const std::string problem = inrgan::validate_export(spec);
    if (!problem.empty()) return fail(QString::fromStdString(problem));
  }
  return specs;
}

QString ExportDialog::message() const { return message_->text(); }

void ExportDialog::showMessage(const QString& text, bool error) {
  message_->setText(text);
  message_->setStyleSheet(error ? QStringLiteral("color: #f08070;") : QString());
}

void ExportDialog::setRunning(bool running) {
  for (QWidget* input : inputs_) input->setEnabled(!running);
  if (!running) rect_->setEnabled(static_cast<Area>(area_->currentData().toInt()) == Area::Typed);
  start_->setEnabled(!running);
  close_->setText(running ? tr("Cancel") : tr("Close"));
}

bool ExportDialog::startExport() {
  if (isRunning()) return false;
  if (context_.source.empty()) {
    showMessage(tr("Nothing to export: open a checkpoint or take a training snapshot first."), true);
    return false;
  }
  QString error;
  std::vector<inrgan::ExportSpec> specs = jobs(&error);
  if (specs.empty()) {
    showMessage(error, true);
    return false;
  }
  cancel_ = false;
  progress_->setValue(0);
  showMessage(tr("Starting…"), false);
  setRunning(true);
  worker_ = std::thread([this, specs = std::move(specs)] {
    using Clock = std::chrono::steady_clock;
    const auto started = Clock::now();
    const int total = static_cast<int>(specs.size());
    inrgan::ExportOutcome outcome;
    int done = 0;
    for (; done < total; ++done) {
      // Overall progress over the files, each file counted by its rows.
      auto report = [this, started, done, total](const inrgan::ExportProgress& p) {
        const double file = p.rows_total > 0 ? static_cast<double>(p.rows_done) / p.rows_total : 0.0;
        const double fraction = (done + file) / total;
        const double elapsed = std::chrono::duration<double>(Clock::now() - started).count();
        const double eta = fraction > 0.0 ? elapsed * (1.0 - fraction) / fraction : 0.0;
        QMetaObject::invokeMethod(
            this, [this, fraction, elapsed, eta] { onProgress(fraction, elapsed, eta); }, Qt::QueuedConnection);
      };
      outcome = inrgan::export_png(specs[static_cast<std::size_t>(done)], report, &cancel_);
      if (!outcome.ok) break;
    }
    outcome.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    QMetaObject::invokeMethod(
        this, [this, outcome, done, total] { onFinished(outcome, done, total); }, Qt::QueuedConnection);
  });
  return true;
}

void ExportDialog::cancelExport() {
  if (!isRunning()) return;
  cancel_ = true;
  showMessage(tr("Cancelling…"), false);
}

void ExportDialog::reject() {
  if (isRunning()) {
    close_when_stopped_ = true;
    cancelExport();
    return;
  }
  QDialog::reject();
}

void ExportDialog::onProgress(double fraction, double elapsed, double eta) {
  if (cancel_) return;  // "Cancelling…" stays until the worker stops
  progress_->setValue(static_cast<int>(std::lround(1000.0 * fraction)));
  showMessage(tr("%1 elapsed · ETA %2").arg(formatDuration(elapsed), formatDuration(eta)), false);
}

void ExportDialog::onFinished(const inrgan::ExportOutcome& outcome, int files_done, int files_total) {
  worker_.join();  // it has posted this as its last act
  setRunning(false);
  QString text;
  if (outcome.ok) {
    progress_->setValue(progress_->maximum());
    const QString what = files_total == 1 ? output_->text() : tr("%1 files").arg(files_total);
    text = tr("Wrote %1 in %2 (%3 MP/s)")
               .arg(what, formatDuration(outcome.seconds))
               .arg(outcome.megapixels_per_second, 0, 'f', 2);
  } else if (outcome.cancelled) {
    progress_->setValue(0);
    text = files_done > 0 ? tr("Cancelled after %1 of %2 files; the unfinished file was not written.")
                                .arg(files_done)
                                .arg(files_total)
                          : tr("Cancelled; no file was written.");
  } else {
    text = tr("Export failed: %1").arg(QString::fromStdString(outcome.error));
  }
  showMessage(text, !outcome.ok && !outcome.cancelled);
  Q_EMIT exportFinished(outcome.ok, text);
  if (close_when_stopped_) QDialog::reject();
}

}  // namespace inrgan::ui
